using Islet.Devices;
using Islet.Net.Interface;
using Islet.Net.Udp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Interface;

public class NetInterfaceTests
{
    private const long Second = 1_000_000_000;
    internal static readonly MacAddress OurMac = MacAddress.FromBytes([2, 0, 0, 0, 0, 1]);
    internal static readonly MacAddress PeerMac = MacAddress.FromBytes([2, 0, 0, 0, 0, 2]);
    internal static readonly Ipv4Address Us = new(10, 0, 0, 1);
    internal static readonly Ipv4Address Peer = new(10, 0, 0, 2);

    internal static (FakeNetDevice, NetInterface<FakeNetDevice>, UdpLayer) Create()
    {
        var device = new FakeNetDevice(OurMac);
        var iface = new NetInterface<FakeNetDevice>(device, InterfaceConfig.Static(Us, 24, new Ipv4Address(10, 0, 0, 254)));
        var udp = new UdpLayer();
        iface.AddTransport(udp);
        return (device, iface, udp);
    }

    private static bool IsArp(byte[] frame, ArpOperation op, out ArpRepr arp)
    {
        arp = default;
        return EthernetFrame.TryCreate(frame, out var eth) && eth.EtherType == EtherType.Arp
            && ArpPacket.TryCreate(eth.Payload, out var packet) && ArpRepr.TryParse(packet, out arp) && arp.Operation == op;
    }

    [Fact]
    public void Announces_with_gratuitous_arp_on_first_poll()
    {
        var (device, iface, _) = Create();
        iface.Poll(0);
        var frame = Assert.Single(device.Sent);
        Assert.True(IsArp(frame, ArpOperation.Request, out var arp));
        Assert.Equal(Us, arp.SenderProtocolAddress);
        Assert.Equal(Us, arp.TargetProtocolAddress);
        iface.Poll(1);
        Assert.Single(device.Sent);
    }

    [Fact]
    public void Answers_arp_requests_for_our_address_and_learns_the_sender()
    {
        var (device, iface, _) = Create();
        iface.Poll(0);
        device.Sent.Clear();
        device.Inject(Frames.Arp(ArpOperation.Request, PeerMac, Peer, default, Us, MacAddress.Broadcast));
        device.Inject(Frames.Arp(ArpOperation.Request, PeerMac, new Ipv4Address(10, 0, 0, 3), default, new Ipv4Address(10, 0, 0, 9), MacAddress.Broadcast));
        iface.Poll(1);
        var reply = Assert.Single(device.Sent);
        Assert.True(IsArp(reply, ArpOperation.Reply, out var arp));
        Assert.Equal(OurMac, arp.SenderHardwareAddress);
        Assert.Equal(Peer, arp.TargetProtocolAddress);
        Assert.True(iface.Arp.TryGet(Peer, 1, out var mac));
        Assert.Equal(PeerMac, mac);
        Assert.False(iface.Arp.TryGet(new Ipv4Address(10, 0, 0, 3), 1, out _));
    }

    [Fact]
    public void Sending_off_link_resolves_the_gateway_and_retries_then_gives_up()
    {
        var (device, iface, udp) = Create();
        iface.Poll(0);
        device.Sent.Clear();
        using var socket = udp.Bind(1000);
        socket.TrySend(new(new Ipv4Address(8, 8, 8, 8), 53), [1, 2, 3]);
        Assert.Equal(Second, iface.Poll(0));
        Assert.True(IsArp(Assert.Single(device.Sent), ArpOperation.Request, out var arp));
        Assert.Equal(new Ipv4Address(10, 0, 0, 254), arp.TargetProtocolAddress);
        iface.Poll(Second);
        iface.Poll(2 * Second);
        Assert.Equal(long.MaxValue, iface.Poll(3 * Second));
        Assert.Equal(3, device.Sent.Count);
        Assert.Equal(1, iface.Counters.Arp.ResolutionFailures);
        Assert.Equal(1, iface.Counters.Arp.QueueDroppedUnresolved);
    }

    [Fact]
    public void Drops_bad_checksums_foreign_destinations_and_ttl_zero()
    {
        var (device, iface, _) = Create();
        var echo = Frames.Echo(1, 1, [1]);
        var good = Frames.Ipv4(PeerMac, OurMac, Frames.Header(Peer, Us, IpProtocol.Icmp), echo);
        var bad = (byte[])good.Clone();
        bad[14 + 10] ^= 1;
        device.Inject(bad);
        device.Inject(Frames.Ipv4(PeerMac, OurMac, Frames.Header(Peer, new Ipv4Address(10, 0, 0, 7), IpProtocol.Icmp), echo));
        device.Inject(Frames.Ipv4(PeerMac, OurMac, Frames.Header(Peer, Us, IpProtocol.Icmp) with { Ttl = 0 }, echo));
        device.Inject(Frames.Ipv4(PeerMac, MacAddress.FromBytes([2, 9, 9, 9, 9, 9]), Frames.Header(Peer, Us, IpProtocol.Icmp), echo));
        iface.Poll(0);
        Assert.Equal(1, iface.Counters.Ipv4.BadChecksum);
        Assert.Equal(1, iface.Counters.Ipv4.NotForUs);
        Assert.Equal(1, iface.Counters.Ipv4.TtlExpired);
        Assert.Equal(1, iface.Counters.NotForUs);
        Assert.Equal(0, iface.Counters.Icmp.EchoRepliesSent);
    }

    [Fact]
    public void Udp_to_a_closed_port_gets_port_unreachable_rate_limited()
    {
        var (device, iface, _) = Create();
        iface.Arp.Learn(Peer, PeerMac, 0, create: true);
        var udp = Frames.Udp(Peer, 5000, Us, 9, [1, 2, 3]);
        for (int i = 0; i < 20; i++) device.Inject(Frames.Ipv4(PeerMac, OurMac, Frames.Header(Peer, Us, IpProtocol.Udp), udp));
        iface.Poll(0);
        Assert.Equal(10, iface.Counters.Icmp.UnreachableSent);
        Assert.Equal(10, iface.Counters.Icmp.RateLimited);
        device.Inject(Frames.Ipv4(PeerMac, MacAddress.Broadcast, Frames.Header(Peer, Ipv4Address.Broadcast, IpProtocol.Udp), Frames.Udp(Peer, 5000, Ipv4Address.Broadcast, 9, [1])));
        iface.Poll(10 * Second);
        Assert.Equal(10, iface.Counters.Icmp.UnreachableSent);
    }

    [Fact]
    public void Outgoing_datagrams_have_df_and_fit_the_mtu()
    {
        var (device, iface, udp) = Create();
        iface.Arp.Learn(Peer, PeerMac, 0, create: true);
        iface.Poll(0);
        device.Sent.Clear();
        Assert.Equal(1480, iface.IpOutput.MaxPayload);
        using var socket = udp.Bind(1000);
        socket.TrySend(new(Peer, 53), new byte[1472]);
        iface.Poll(1);
        var frame = Assert.Single(device.Sent);
        Assert.Equal(1514, frame.Length);
        Assert.True(Ipv4Packet.TryCreate(frame.AsSpan(14), out var packet));
        Assert.True(packet.DontFragment);
        Assert.True(packet.VerifyChecksum());
        Assert.Equal(PeerMac, MacAddress.FromBytes(frame.AsSpan(0, 6)));
    }
}
