using System.Net;

namespace Islet.Net;

/// <summary>One received datagram: how many bytes were written and who sent them.</summary>
/// <param name="Length">Bytes written into the caller's buffer.</param>
/// <param name="RemoteEndPoint">The sender.</param>
/// <param name="Truncated">True when the datagram was longer than the buffer.</param>
public readonly record struct UdpReceived(int Length, IPEndPoint RemoteEndPoint, bool Truncated);
