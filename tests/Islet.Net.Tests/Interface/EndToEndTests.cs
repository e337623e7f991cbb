using System.Buffers.Binary;
using Islet.Links;
using Islet.Net.Ip;
using Islet.Net.Udp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Interface;

public class EndToEndTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Arp_resolves_and_ping_round_trips()
    {
        using var hosts = new TwoHosts(new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(1) });
        hosts.Loop.Run(async () =>
        {
            await hosts.RunFor(TimeSpan.FromMilliseconds(10));
            Assert.True(hosts.A.TrySendEchoRequest(TwoHosts.AddressB, 0x4242, 1, [1, 2, 3, 4], hosts.Now));
            await hosts.RunUntil(() => hosts.EchoReplies.Count == 1, s_limit);
        });
        var (id, seq, data) = Assert.Single(hosts.EchoReplies);
        Assert.Equal((0x4242, 1), ((int)id, (int)seq));
        Assert.Equal([1, 2, 3, 4], data);
        Assert.True(hosts.A.Arp.TryGet(TwoHosts.AddressB, hosts.Now, out var mac));
        Assert.Equal(hosts.DeviceB.Mac, mac);
        Assert.Equal(1, hosts.B.Counters.Icmp.EchoRepliesSent);
    }

    [Fact]
    public void Udp_datagrams_flow_both_ways()
    {
        using var hosts = new TwoHosts(new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(1) });
        using var a = hosts.UdpA.Bind(0);
        using var b = hosts.UdpB.Bind(7);
        var received = new List<byte[]>();
        hosts.Loop.Run(async () =>
        {
            for (byte i = 0; i < 10; i++) a.TrySend(new Ipv4Endpoint(TwoHosts.AddressB, 7), [i, i, i]);
            var buffer = new byte[2048];
            await hosts.RunUntil(() =>
            {
                while (b.TryReceive(buffer, out int n, out var from)) b.TrySend(from, buffer.AsSpan(0, n));
                while (a.TryReceive(buffer, out int n, out _)) received.Add(buffer[..n]);
                return received.Count == 10;
            }, s_limit);
        });
        Assert.Equal(10, received.Count);
        for (byte i = 0; i < 10; i++) Assert.Equal([i, i, i], received[i]);
    }

    [Fact]
    public void Udp_over_a_lossy_link_loses_some_and_corrupts_none()
    {
        var link = new MemoryLinkOptions { Seed = 7, Loss = 0.05, Delay = TimeSpan.FromMilliseconds(2), Reorder = 0.05 };
        using var hosts = new TwoHosts(link);
        using var a = hosts.UdpA.Bind(1000);
        using var b = hosts.UdpB.Bind(2000);
        var seen = new HashSet<int>();
        int corrupt = 0;
        hosts.Loop.Run(async () =>
        {
            var buffer = new byte[2048];
            bool Drain()
            {
                while (b.TryReceive(buffer, out int n, out _))
                {
                    if (!Verify(buffer.AsSpan(0, n), out int index)) corrupt++;
                    else seen.Add(index);
                }
                return false;
            }
            for (int i = 0; i < 400; i++)
            {
                a.TrySend(new Ipv4Endpoint(TwoHosts.AddressB, 2000), Payload(i));
                await hosts.RunUntil(Drain, TimeSpan.FromMilliseconds(1));
            }
            await hosts.RunUntil(Drain, TimeSpan.FromSeconds(1));
        });
        Assert.Equal(0, corrupt);
        Assert.InRange(seen.Count, 300, 399);
        Assert.True(hosts.DeviceA.LinkLost > 0);
    }

    [Fact]
    public void Fragmented_datagram_is_reassembled()
    {
        using var hosts = new TwoHosts(new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(1), Reorder = 0.3 },
            new UdpLayerOptions { MaxDatagramSize = 8000 });
        using var socket = hosts.UdpA.Bind(9);
        var data = new byte[5000];
        new Random(3).NextBytes(data);
        var udp = Frames.Udp(TwoHosts.AddressB, 4444, TwoHosts.AddressA, 9, data);
        byte[]? got = null;
        hosts.Loop.Run(async () =>
        {
            await hosts.RunFor(TimeSpan.FromMilliseconds(10));
            var header = Frames.Header(TwoHosts.AddressB, TwoHosts.AddressA, IpProtocol.Udp) with { Identification = 99 };
            for (int offset = 0; offset < udp.Length; offset += 1480)
            {
                int length = Math.Min(1480, udp.Length - offset);
                var fragment = header with { FragmentOffset = offset, MoreFragments = offset + length < udp.Length };
                Assert.True(hosts.DeviceB.TrySend(Frames.Ipv4(hosts.DeviceB.Mac, hosts.DeviceA.Mac, fragment, udp.AsSpan(offset, length))));
            }
            var buffer = new byte[8000];
            await hosts.RunUntil(() =>
            {
                if (socket.TryReceive(buffer, out int n, out _)) got = buffer[..n];
                return got is not null;
            }, s_limit);
        });
        Assert.Equal(data, got);
        Assert.Equal(1, hosts.A.Counters.Ipv4.Reassembled);
    }

    [Fact]
    public void Udp_to_a_closed_port_is_answered_with_port_unreachable()
    {
        using var hosts = new TwoHosts();
        using var a = hosts.UdpA.Bind(1000);
        hosts.Loop.Run(async () =>
        {
            a.TrySend(new Ipv4Endpoint(TwoHosts.AddressB, 4321), [1]);
            await hosts.RunUntil(() => hosts.A.Counters.Icmp.UnreachableReceived == 1, s_limit);
        });
        Assert.Equal(1, hosts.A.Counters.Icmp.UnreachableReceived);
        Assert.Equal(1, hosts.B.Counters.Icmp.UnreachableSent);
    }

    private static byte[] Payload(int index)
    {
        var payload = new byte[8 + index % 700];
        BinaryPrimitives.WriteInt32BigEndian(payload, index);
        for (int i = 4; i < payload.Length; i++) payload[i] = (byte)(index * 31 + i);
        return payload;
    }

    private static bool Verify(ReadOnlySpan<byte> payload, out int index)
    {
        index = payload.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(payload) : -1;
        return index >= 0 && index < 400 && payload.SequenceEqual(Payload(index));
    }
}
