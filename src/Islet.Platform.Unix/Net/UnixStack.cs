using Islet.Events;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>The unix target's network: the host's TCP and UDP, driven by the event loop.</summary>
public sealed class UnixStack : IStack
{
    /// <summary>Creates the stack on <paramref name="loop"/>, which must use an <see cref="EpollPoller"/>.</summary>
    public UnixStack(EventLoop loop, IReadOnlyList<PortMapping>? publish = null)
    {
        publish ??= [];
        Tcp = new UnixTcpStack(loop, publish);
        Udp = new UnixUdpStack(loop, publish);
    }

    /// <inheritdoc />
    public ITcpStack Tcp { get; }

    /// <inheritdoc />
    public IUdpStack Udp { get; }
}
