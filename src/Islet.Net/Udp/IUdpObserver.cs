namespace Islet.Net.Udp;

/// <summary>Readiness callbacks of a <see cref="UdpSocket"/>, called on the thread that polls the interface.</summary>
public interface IUdpObserver
{
    /// <summary>The receive queue went from empty to non-empty.</summary>
    void OnReadable();
}
