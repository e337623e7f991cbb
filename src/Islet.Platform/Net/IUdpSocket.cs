using System.Net;

namespace Islet.Net;

/// <summary>
/// A bound UDP socket. Datagrams that arrive while nobody receives are queued by the stack up
/// to a bounded limit and then dropped, as UDP allows.
/// </summary>
public interface IUdpSocket : IAsyncDisposable
{
    /// <summary>The bound address and port.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/> (the caller's; the stack keeps no
    /// reference after completion). A datagram longer than the buffer is truncated and
    /// <see cref="UdpReceived.Truncated"/> is set.
    /// </summary>
    ValueTask<UdpReceived> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one datagram. The bytes are copied before the returned task completes.
    /// Throws <see cref="NetException"/> with <see cref="NetError.MessageTooLong"/> when the
    /// datagram cannot be sent as one.
    /// </summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default);
}
