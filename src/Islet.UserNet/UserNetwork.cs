using System.Net;
using Islet.Devices;
using Islet.Events;
using Islet.Net;
using Islet.Net.Interface;
using Islet.Net.Stack;
using Islet.Net.Udp;
using Islet.Net.Wire;
using Islet.UserNet.Dhcp;
using Islet.UserNet.Internal;

namespace Islet.UserNet;

/// <summary>
/// User-mode networking (<c>--net user</c>, as slirp, passt or vpnkit): the launcher's end of a
/// sealed image's only link, run as a small router on Islet's own stack. It leases the guest
/// its address by DHCP, forwards host TCP and UDP ports into the guest, and refuses (or, with
/// <see cref="UserNetworkOptions.AllowOutbound"/>, proxies through the host) the guest's own
/// connections. No root, no TAP device, no host routes: the host side is an ordinary
/// <see cref="IStack"/> (the unix target's sockets, on loopback by default).
/// </summary>
/// <remarks>
/// Everything runs on one <see cref="EventLoop"/>: create it with <see cref="StartAsync"/> on the
/// loop thread and dispose it there. The guest link's device and the host stack must both be
/// driven by that loop.
/// </remarks>
/// <typeparam name="TDevice">The launcher's end of the guest link.</typeparam>
public sealed partial class UserNetwork<TDevice> : IAsyncDisposable where TDevice : INetDevice
{
    private readonly EventLoop _loop;
    private readonly IStack _host;
    private readonly UserNetworkOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _guestLeased = new();
    private readonly long _bootWindowEnd;

    /// <summary>
    /// How long after the router starts a forward waits for the guest's DHCP lease before its
    /// first connect (a guest configured statically never takes one, and then pays this once).
    /// </summary>
    private const long BootWindowNanoseconds = 2_000_000_000;
    private readonly List<ITcpListener> _listeners = [];
    private readonly List<UdpForward> _udpForwards = [];
    private readonly UdpFlowTable _udpFlows;
    private readonly int _udpMaxPayload;
    private readonly List<IPEndPoint> _forwardEndPoints = [];
    private readonly HashSet<ITcpFlow> _live = [];
    private readonly HashSet<Task> _running = [];
    private IUdpSocket? _dhcpSocket;
    private bool _disposed;

    private UserNetwork(EventLoop loop, TDevice device, IStack host, IEntropy entropy, UserNetworkOptions options)
    {
        _loop = loop;
        _bootWindowEnd = loop.NowNanoseconds + BootWindowNanoseconds;
        _host = host;
        _options = options;
        var config = InterfaceConfig.Static(options.RouterAddress, options.PrefixLength) with { Router = true };
        // One router UDP socket per flow, plus DHCP's; each slot holds what one frame carries.
        _udpMaxPayload = Math.Clamp(device.Mtu - Ipv4Packet.MinHeaderLength - UdpDatagram.HeaderLength, 1, 65507);
        var udp = new UdpLayerOptions { MaxSockets = options.UdpFlowLimit + 1, MaxDatagramSize = _udpMaxPayload };
        Stack = new DirectStack<TDevice>(loop, device, config, entropy, udpOptions: udp);
        _udpFlows = new UdpFlowTable(loop, Stack.UdpLayer, Counters, options.UdpFlowIdleTimeout, options.UdpFlowLimit);
        Dhcp = new DhcpServer(new DhcpServerOptions
        {
            ServerAddress = options.RouterAddress,
            ClientAddress = options.GuestAddress,
            PrefixLength = options.PrefixLength,
            Router = options.RouterAddress,
            Dns = options.Dns,
            LeaseTime = options.LeaseTime,
        });
    }

    /// <summary>
    /// Starts the router on <paramref name="device"/> (call on <paramref name="loop"/>'s thread):
    /// the DHCP server, a host listener (TCP) or socket (UDP) per forward, and the outbound proxy when allowed.
    /// </summary>
    /// <param name="loop">The loop that drives the device and the host stack.</param>
    /// <param name="device">The launcher's end of the guest link.</param>
    /// <param name="host">Where forwarded ports listen and outbound connections go (the unix target's <c>UnixStack</c>).</param>
    /// <param name="entropy">Secret for the router's TCP sequence numbers.</param>
    /// <param name="options">Addresses, forwards and policy; the defaults when null.</param>
    /// <exception cref="NetException">A forward's host endpoint could not be bound (<see cref="NetError.AddressInUse"/>, ...); nothing is left running.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static async Task<UserNetwork<TDevice>> StartAsync(EventLoop loop, TDevice device, IStack host, IEntropy entropy, UserNetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(entropy);
        options ??= new UserNetworkOptions();
        options.Validate();
        var network = new UserNetwork<TDevice>(loop, device, host, entropy, options);
        try
        {
            await network.StartServicesAsync().ConfigureAwait(true);
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(true);
            throw;
        }
        return network;
    }

    /// <summary>The router's own stack on the guest link (its interface, TCP and UDP layers and their counters).</summary>
    public DirectStack<TDevice> Stack { get; }

    /// <summary>The DHCP server (its counters, and whether the guest holds a lease).</summary>
    public DhcpServer Dhcp { get; }

    /// <summary>Forwarding and outbound counters.</summary>
    public UserNetCounters Counters { get; } = new();

    /// <summary>Where each forward of <see cref="UserNetworkOptions.Forwards"/> listens on the host, in order (host port 0 resolved).</summary>
    public IReadOnlyList<IPEndPoint> ForwardEndPoints => _forwardEndPoints;

    /// <summary>Every counter, one <c>name value</c> per line (see <see cref="UserNetStatistics"/>).</summary>
    public string FormatStatistics() => UserNetStatistics.Format(this);

    private async Task StartServicesAsync()
    {
        _dhcpSocket = await Stack.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 67)).ConfigureAwait(true);
        Track(ServeDhcpAsync(_dhcpSocket));
        foreach (var forward in _options.Forwards)
        {
            if (forward.Protocol == PortProtocol.Udp)
            {
                _forwardEndPoints.Add(await StartUdpForwardAsync(forward).ConfigureAwait(true));
                continue;
            }
            var listener = await _host.Tcp.ListenAsync(forward.HostEndPoint).ConfigureAwait(true);
            _listeners.Add(listener);
            _forwardEndPoints.Add(listener.LocalEndPoint);
            Track(AcceptForwardsAsync(listener, (ushort)forward.GuestPort));
        }
        if (_options.AllowOutbound)
        {
            var catchAll = Stack.ListenCatchAll(new TcpListenOptions { Backlog = 64 });
            _listeners.Add(catchAll);
            Track(AcceptOutboundAsync(catchAll));
        }
    }

    /// <summary>Keeps a background task until it ends, so that disposal can wait for it.</summary>
    private void Track(Task task)
    {
        if (task.IsCompleted) return;
        _running.Add(task);
        task.ContinueWith(static (t, s) => ((HashSet<Task>)s!).Remove(t), _running, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Splices <paramref name="accepted"/> with <paramref name="connected"/> until both are done,
    /// or resets <paramref name="accepted"/> when the connection failed (null); false then.
    /// </summary>
    private async Task<bool> SpliceOrResetAsync(ITcpFlow accepted, ITcpFlow? connected)
    {
        if (connected is null)
        {
            accepted.Abort();
            await accepted.DisposeAsync().ConfigureAwait(true);
            return false;
        }
        _live.Add(connected);
        try
        {
            await FlowSplice.RunAsync(accepted, connected).ConfigureAwait(true);
        }
        finally
        {
            _live.Remove(connected);
        }
        return true;
    }

    private static IPAddress ToIPAddress(Ipv4Address address) =>
        new(new[] { (byte)(address.Value >> 24), (byte)(address.Value >> 16), (byte)(address.Value >> 8), (byte)address.Value });

    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Stops listening, resets every forwarded and outbound connection, closes the UDP forwards
    /// and their flows, stops the DHCP server
    /// and the router's stack, and waits for all of it to end (at most one second for the
    /// connections: after a load test some splices stayed pending and the launcher never exited).
    /// Call on the loop thread.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _stopping.Cancel();
        foreach (var listener in _listeners) await listener.DisposeAsync().ConfigureAwait(true);
        foreach (var forward in _udpForwards)
        {
            forward.Stop();
            await forward.Host.DisposeAsync().ConfigureAwait(true);
        }
        _udpFlows.Dispose();
        if (_dhcpSocket is not null) await _dhcpSocket.DisposeAsync().ConfigureAwait(true);
        foreach (var flow in _live.ToArray()) flow.Abort();
        // Splices and connects end once their flows are aborted; one still waiting on a host
        // socket or on a guest that is gone must not hold the launcher's exit: wait a bounded time.
        Task running = Task.WhenAll(_running.ToArray());
        await Task.WhenAny(running, _loop.Delay(DisposeWait, CancellationToken.None)).ConfigureAwait(true);
        await Stack.DisposeAsync().ConfigureAwait(true);
        _stopping.Dispose();
    }
}
