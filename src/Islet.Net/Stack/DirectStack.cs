using Islet.Devices;
using Islet.Events;
using Islet.Net.Interface;
using Islet.Net.Tcp;
using Islet.Net.Udp;

namespace Islet.Net.Stack;

/// <summary>
/// Islet's own TCP/IP stack as an <see cref="IStack"/>: an interface over one device, with TCP
/// and UDP, driven by the event loop. This is what the direct, spt and hvt targets give
/// applications; an application moves here from the unix target without change.
/// </summary>
/// <typeparam name="TDevice">The link: a TAP device, an in-memory link, a sealed image's frame fd.</typeparam>
public sealed class DirectStack<TDevice> : IStack, IAsyncDisposable where TDevice : INetDevice
{
    private readonly StackDriver _driver;
    private readonly Task _running;

    /// <summary>Builds the stack and starts driving it on <paramref name="loop"/> (call on the loop thread).</summary>
    /// <param name="loop">The event loop.</param>
    /// <param name="device">The link.</param>
    /// <param name="config">Static addressing (DHCP when the interface supports it).</param>
    /// <param name="entropy">Secret for TCP initial sequence numbers (RFC 6528).</param>
    /// <param name="tcpOptions">TCP tuning; defaults when null.</param>
    /// <param name="udpOptions">UDP limits (sockets, queue depths); defaults when null.</param>
    public DirectStack(EventLoop loop, TDevice device, InterfaceConfig config, IEntropy entropy, TcpOptions? tcpOptions = null, UdpLayerOptions? udpOptions = null)
    {
        Interface = new NetInterface<TDevice>(device, config);
        Span<byte> secret = stackalloc byte[32];
        entropy.Fill(secret);
        TcpLayer = new TcpLayer(secret, tcpOptions);
        UdpLayer = new UdpLayer(udpOptions);
        Interface.AddTransport(TcpLayer);
        Interface.AddTransport(UdpLayer);
        _driver = new StackDriver(loop, device, Interface.Poll);
        Tcp = new DirectTcpStack(TcpLayer, _driver, () => Interface.Config.Address, loop);
        Udp = new DirectUdpStack(UdpLayer, _driver);
        _running = _driver.StartAsync();
    }

    /// <summary>The interface (ARP, IPv4, ICMP and its counters).</summary>
    public NetInterface<TDevice> Interface { get; }

    /// <summary>The TCP layer (connections and counters).</summary>
    public TcpLayer TcpLayer { get; }

    /// <summary>The UDP layer.</summary>
    public UdpLayer UdpLayer { get; }

    /// <inheritdoc />
    public ITcpStack Tcp { get; }

    /// <inheritdoc />
    public IUdpStack Udp { get; }

    /// <summary>
    /// Accepts TCP connections to every address and port no other listener takes: with
    /// <see cref="InterfaceConfig.Router"/>, what a peer sends towards any destination through
    /// this stack (a user-mode network's outbound proxy). Each flow's
    /// <see cref="ITcpFlow.LocalEndPoint"/> is the destination the peer asked for. At most one.
    /// </summary>
    /// <exception cref="NetException"><see cref="NetError.AddressInUse"/> when one is active.</exception>
    public ITcpListener ListenCatchAll(TcpListenOptions? options = null) =>
        ((DirectTcpStack)Tcp).ListenCatchAll(options ?? new TcpListenOptions());

    /// <summary>
    /// Asks for a poll of the interface soon, on the loop (never re-entrantly). Code that queues
    /// on <see cref="UdpLayer"/>'s sockets directly (<see cref="UdpSocket.TrySend"/>) calls it so
    /// that the datagrams leave; the <see cref="Tcp"/> and <see cref="Udp"/> APIs do it themselves.
    /// </summary>
    public void RequestPoll() => _driver.RequestPoll();

    /// <summary>Times the interface was polled (a diagnostic).</summary>
    public long Polls => _driver.Polls;

    /// <summary>Stops driving the interface.</summary>
    public ValueTask DisposeAsync()
    {
        _driver.Stop();
        return default;
    }
}
