using System.Net;

namespace Islet.Net;

/// <summary>UDP for applications. Members are called on the event loop thread.</summary>
public interface IUdpStack
{
    /// <summary>
    /// Binds a socket to <paramref name="localEndPoint"/> (port 0 picks a free port).
    /// Throws <see cref="NetException"/> with <see cref="NetError.AddressInUse"/> when taken.
    /// </summary>
    ValueTask<IUdpSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken = default);
}
