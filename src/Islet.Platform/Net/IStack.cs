namespace Islet.Net;

/// <summary>
/// A network stack as applications see it. The unix target implements it over the host's
/// sockets; the direct and sealed targets implement it with Islet's own TCP/IP stack. An
/// application written against this interface runs unchanged on every target.
/// </summary>
public interface IStack
{
    /// <summary>TCP: listeners and outgoing connections.</summary>
    ITcpStack Tcp { get; }

    /// <summary>UDP sockets.</summary>
    IUdpStack Udp { get; }
}
