using System.Buffers.Binary;
using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Interface;

public class InterfaceFuzzTests
{
    [Fact]
    public void Hundred_thousand_mutated_frames_never_throw()
    {
        var (device, iface, udp) = NetInterfaceTests.Create();
        device.KeepSent = false;
        using var socket = udp.Bind(7);
        var us = NetInterfaceTests.Us;
        var peer = NetInterfaceTests.Peer;
        var ours = NetInterfaceTests.OurMac;
        var theirs = NetInterfaceTests.PeerMac;
        byte[][] seeds =
        [
            Frames.Arp(ArpOperation.Request, theirs, peer, default, us, MacAddress.Broadcast),
            Frames.Ipv4(theirs, ours, Frames.Header(peer, us, IpProtocol.Icmp), Frames.Echo(1, 2, new byte[40])),
            Frames.Ipv4(theirs, ours, Frames.Header(peer, us, IpProtocol.Udp), Frames.Udp(peer, 9, us, 7, new byte[30])),
            Frames.Ipv4(theirs, ours, Frames.Header(peer, us, IpProtocol.Udp) with { MoreFragments = true, Identification = 5 }, new byte[64]),
        ];
        long now = 0;
        var buffer = new byte[4096];
        int round = 0;
        foreach (var seed in seeds)
        {
            Fuzz.Run(seed, frame =>
            {
                frame.CopyTo(buffer);
                var copy = buffer.AsSpan(0, frame.Length);
                if ((round++ & 2) != 0) FixIpv4Checksum(copy);
                device.Inject(copy);
                now += 1_000_000;
                iface.Poll(now);
                while (socket.TryReceive(buffer.AsSpan(2048), out _, out _)) { }
            }, iterations: 25_000, rngSeed: round);
        }
        Assert.True(iface.Counters.FramesIn > 99_000);
    }

    [Fact]
    public void Mutated_dhcp_replies_never_throw_while_unconfigured()
    {
        var device = new FakeNetDevice(NetInterfaceTests.OurMac) { KeepSent = false };
        var iface = new Islet.Net.Interface.NetInterface<FakeNetDevice>(device, Islet.Net.Interface.InterfaceConfig.Dhcp(41));
        iface.Poll(0);
        var offer = new Islet.Net.Dhcp.DhcpRepr
        {
            IsReply = true, MessageType = Islet.Net.Dhcp.DhcpMessageType.Offer, TransactionId = 42,
            ClientHardwareAddress = NetInterfaceTests.OurMac, YourAddress = new(10, 0, 0, 50),
            ServerIdentifier = NetInterfaceTests.Peer, LeaseTime = 60, Router = NetInterfaceTests.Peer,
        };
        var dhcp = new byte[offer.BufferLength];
        offer.TryWrite(dhcp, out _);
        var seed = Frames.Ipv4(NetInterfaceTests.PeerMac, MacAddress.Broadcast,
            Frames.Header(NetInterfaceTests.Peer, Ipv4Address.Broadcast, IpProtocol.Udp),
            Frames.Udp(NetInterfaceTests.Peer, 67, Ipv4Address.Broadcast, 68, dhcp));
        long now = 0;
        var buffer = new byte[4096];
        Fuzz.Run(seed, frame =>
        {
            frame.CopyTo(buffer);
            var copy = buffer.AsSpan(0, frame.Length);
            FixIpv4Checksum(copy);
            device.Inject(copy);
            now += 100_000_000;
            iface.Poll(now);
        }, iterations: 20_000);
        Assert.True(iface.Counters.FramesIn >= 20_000);
    }

    private static void FixIpv4Checksum(Span<byte> frame)
    {
        if (frame.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != (ushort)EtherType.Ipv4) return;
        int headerLength = (frame[14] & 0x0F) * 4;
        if (headerLength < 20 || frame.Length < 14 + headerLength) return;
        var header = frame.Slice(14, headerLength);
        header[10] = header[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
    }
}
