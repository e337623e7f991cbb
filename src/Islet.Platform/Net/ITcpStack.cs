using System.Net;

namespace Islet.Net;

/// <summary>
/// TCP for applications: listen and accept flows, or connect out. Every member is called on
/// the event loop thread and completes there.
/// </summary>
/// <remarks>
/// Errors are <see cref="NetException"/> with a <see cref="NetError"/>: for example
/// <see cref="NetError.AddressInUse"/> from <see cref="ListenAsync"/>,
/// <see cref="NetError.Refused"/>, <see cref="NetError.TimedOut"/> or
/// <see cref="NetError.Unreachable"/> from <see cref="ConnectAsync"/>.
/// Cancellation throws <see cref="OperationCanceledException"/>.
/// </remarks>
public interface ITcpStack
{
    /// <summary>
    /// Starts listening on <paramref name="localEndPoint"/> (address Any for every interface;
    /// port 0 picks a free port, reported by <see cref="ITcpListener.LocalEndPoint"/>).
    /// </summary>
    ValueTask<ITcpListener> ListenAsync(IPEndPoint localEndPoint, TcpListenOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens a connection to <paramref name="remoteEndPoint"/>.</summary>
    ValueTask<ITcpFlow> ConnectAsync(IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default);
}
