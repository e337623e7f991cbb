using Islet.Devices;
using Islet.Net.Arp;
using Islet.Net.Dhcp;
using Islet.Net.Icmp;
using Islet.Net.Ip;
using Islet.Net.Ipv4;
using Islet.Net.Wire;

namespace Islet.Net.Interface;

/// <summary>
/// The sans-IO heart of the stack for one device: Ethernet, ARP, IPv4 (validation,
/// reassembly, routing) and ICMP, with transports (UDP, TCP) plugged in by
/// <see cref="AddTransport"/>. It never reads a clock, blocks or starts anything: the driver
/// calls <see cref="Poll"/> when the device is readable, when the deadline Poll returned has
/// passed, or after the application queued work, and waits on the device itself.
/// </summary>
/// <remarks>
/// Storage is fixed at construction: one receive buffer and one transmit buffer of
/// <c>Mtu + 14</c> bytes, the ARP cache and its queue, and the reassembly buffers. Not
/// thread-safe: everything happens on the thread that polls. <see cref="INetDevice"/> cannot
/// say in advance whether it will take a frame, so <c>IIpOutput.TryBegin</c> refuses only
/// for length, routing and ARP resources; a frame the device refuses at commit is dropped and
/// counted in <see cref="InterfaceCounters.TransmitDropped"/>, and transports recover as from loss.
/// </remarks>
public sealed partial class NetInterface<TDevice> where TDevice : INetDevice
{
    private TDevice _device;
    private readonly InterfaceLimits _limits;
    private readonly byte[] _receiveBuffer, _transmitBuffer, _arpBuffer;
    private readonly Ipv4Reassembler _reassembler;
    private readonly List<IIpTransport> _transports = [];
    private readonly Output _output;
    private InterfaceConfig _config;
    private bool _announced;
    private long _now;
    private ushort _nextIdentification;

    /// <summary>Creates the interface over <paramref name="device"/>; nothing is sent before the first <see cref="Poll"/>.</summary>
    public NetInterface(TDevice device, InterfaceConfig config, InterfaceLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _device = device;
        _config = config;
        _limits = limits ?? new InterfaceLimits();
        if (_limits.ReceiveBatch < 1) throw new ArgumentOutOfRangeException(nameof(limits), "ReceiveBatch must be positive.");
        int frameLength = device.Mtu + EthernetFrame.HeaderLength;
        _receiveBuffer = new byte[frameLength];
        _transmitBuffer = new byte[frameLength];
        _arpBuffer = new byte[EthernetFrame.HeaderLength + ArpPacket.EthernetIpv4Length];
        Arp = new ArpCache(_limits.Arp with { MaxFrameLength = frameLength }, Counters.Arp);
        _reassembler = new Ipv4Reassembler(_limits.Reassembly, Counters.Ipv4);
        Icmp = new IcmpLayer(Counters.Icmp, _limits.IcmpErrorsPerSecond, _limits.IcmpErrorBurst);
        _output = new Output(this);
        if (config.UseDhcp) DhcpClient = new DhcpClient(device.Mac, config.DhcpTransactionSeed);
    }

    /// <summary>The device.</summary>
    public TDevice Device => _device;

    /// <summary>The current addressing.</summary>
    public InterfaceConfig Config => _config;

    /// <summary>Counters of the Ethernet, ARP, IPv4 and ICMP layers.</summary>
    public InterfaceCounters Counters { get; } = new();

    /// <summary>The neighbour cache.</summary>
    public ArpCache Arp { get; }

    /// <summary>The ICMP layer (set <see cref="IcmpLayer.EchoObserver"/> to see ping replies).</summary>
    public IcmpLayer Icmp { get; }

    /// <summary>The DHCP client when the configuration asked for one.</summary>
    public DhcpClient? DhcpClient { get; }

    /// <summary>How transports send through this interface.</summary>
    public IIpOutput IpOutput => _output;

    /// <summary>Adds a transport; at most one per protocol. Call before polling.</summary>
    /// <exception cref="ArgumentException">A transport for that protocol exists, or it is ICMP (built in).</exception>
    public void AddTransport(IIpTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (transport.Protocol == IpProtocol.Icmp || FindTransport(transport.Protocol) is not null)
            throw new ArgumentException($"A transport for {transport.Protocol} is already present.", nameof(transport));
        _transports.Add(transport);
    }

    /// <summary>Changes the addressing (for example when a DHCP lease is bound); the new address is announced at the next poll.</summary>
    public void Reconfigure(InterfaceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _announced = config.Address == _config.Address && _announced;
        _config = config;
    }

    /// <summary>
    /// Does all work due at <paramref name="now"/> (monotonic nanoseconds): receives up to a
    /// batch of frames and dispatches them, lets each transport send, sends ARP requests and
    /// frames whose next hop resolved, and expires reassembly. Returns when it next needs a
    /// poll (<paramref name="now"/> if frames may still be waiting), or <see cref="long.MaxValue"/>.
    /// </summary>
    public long Poll(long now)
    {
        _now = now;
        if (!_announced && !_config.Address.IsUnspecified)
        {
            // RFC 5227 §2.3: an announcement is a request with sender and target both our address.
            SendArp(ArpOperation.Request, default, _config.Address, MacAddress.Broadcast);
            _announced = true;
        }
        int received = 0;
        while (received < _limits.ReceiveBatch && _device.TryReceive(_receiveBuffer, out int length))
        {
            received++;
            Counters.FramesIn++;
            HandleFrame(_receiveBuffer.AsSpan(0, length));
        }
        long next = PollDhcp(now);
        foreach (var transport in _transports) next = Math.Min(next, transport.Poll(now, _output));
        FlushArp(now);
        next = Math.Min(next, Arp.NextDeadline());
        next = Math.Min(next, _reassembler.Poll(now));
        return received == _limits.ReceiveBatch ? now : next;
    }

    /// <summary>Sends an ICMP echo request (queued behind ARP if needed; it leaves by the next poll).</summary>
    public bool TrySendEchoRequest(Ipv4Address destination, ushort identifier, ushort sequence, ReadOnlySpan<byte> data, long now)
    {
        _now = now;
        return Icmp.TrySendEchoRequest(destination, identifier, sequence, data, _output);
    }

    private void FlushArp(long now)
    {
        while (Arp.TryPeekReady(out var frame))
        {
            SendFrame(frame);
            Arp.ReleaseReady();
        }
        while (Arp.TryTakeDueRequest(now, out var target, out var destination))
            SendArp(ArpOperation.Request, default, target, destination);
    }

    private void SendArp(ArpOperation operation, MacAddress targetMac, Ipv4Address targetIp, MacAddress frameDestination) =>
        SendArp(operation, targetMac, targetIp, frameDestination, _config.Address);

    /// <summary>Sends ARP as <paramref name="senderIp"/> (our address, or the one a router answers for by proxy).</summary>
    private void SendArp(ArpOperation operation, MacAddress targetMac, Ipv4Address targetIp, MacAddress frameDestination, Ipv4Address senderIp)
    {
        var frame = _arpBuffer.AsSpan();
        new EthernetRepr(_device.Mac, frameDestination, EtherType.Arp).TryWrite(frame, out _);
        new ArpRepr(operation, _device.Mac, senderIp, targetMac, targetIp).TryWrite(frame[EthernetFrame.HeaderLength..], out _);
        if (operation == ArpOperation.Request) Counters.Arp.RequestsSent++;
        else Counters.Arp.RepliesSent++;
        SendFrame(frame);
    }

    private void SendFrame(ReadOnlySpan<byte> frame)
    {
        if (_device.TrySend(frame)) Counters.FramesOut++;
        else Counters.TransmitDropped++;
    }

    private IIpTransport? FindTransport(IpProtocol protocol)
    {
        foreach (var transport in _transports)
            if (transport.Protocol == protocol) return transport;
        return null;
    }
}
