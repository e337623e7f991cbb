using System.Net;

namespace Islet.Dns.Server.Internal;

/// <summary>
/// Where the responses to one query go: a UDP datagram to its sender, or framed messages on
/// the TCP connection it came on. A handler writes a response into <see cref="GetBuffer"/> and
/// sends it with <see cref="SendAsync"/>, as many times as it has messages (a zone transfer
/// sends several; a datagram channel takes one).
/// </summary>
internal interface IDnsReplyChannel
{
    /// <summary>The transport the query came on.</summary>
    DnsTransport Transport { get; }

    /// <summary>The client.</summary>
    IPEndPoint Remote { get; }

    /// <summary>A buffer for the next response: 65,535 bytes on TCP, the server's datagram size on UDP.
    /// Valid until <see cref="SendAsync"/>.</summary>
    Span<byte> GetBuffer();

    /// <summary>Sends the first <paramref name="length"/> bytes written into <see cref="GetBuffer"/>.</summary>
    ValueTask SendAsync(int length);
}
