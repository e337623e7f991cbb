using Islet.Net.Ip;
using Islet.Net.Tests.Icmp;
using Islet.Net.Udp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Udp;

public class UdpLayerTests
{
    private static readonly Ipv4Address s_peer = new(10, 0, 0, 2);
    private static readonly Ipv4Address s_us = new(10, 0, 0, 1);

    private sealed class Observer : IUdpObserver
    {
        public int Readable;
        public void OnReadable() => Readable++;
    }

    private static (Ipv4Repr, byte[]) Datagram(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var repr = new UdpRepr(sourcePort, destinationPort, payload.Length);
        var bytes = new byte[repr.BufferLength];
        repr.TryWrite(bytes, s_peer, s_us, payload, out _);
        var ip = new Ipv4Repr { Source = s_peer, Destination = s_us, Protocol = IpProtocol.Udp, PayloadLength = bytes.Length, Ttl = 64 };
        return (ip, bytes);
    }

    [Fact]
    public void Binding_a_bound_port_fails_with_address_in_use_and_port_0_is_ephemeral()
    {
        var udp = new UdpLayer();
        using var socket = udp.Bind(5000);
        var error = Assert.Throws<NetException>(() => udp.Bind(5000));
        Assert.Equal(NetError.AddressInUse, error.Error);
        using var a = udp.Bind(0);
        using var b = udp.Bind(0);
        Assert.InRange(a.LocalPort, 49152, 65535);
        Assert.NotEqual(a.LocalPort, b.LocalPort);
        socket.Dispose();
        using var again = udp.Bind(5000);
    }

    [Fact]
    public void Socket_table_is_bounded()
    {
        var udp = new UdpLayer(new UdpLayerOptions { MaxSockets = 1 });
        udp.Bind(1);
        Assert.Equal(NetError.NoResources, Assert.Throws<NetException>(() => udp.Bind(2)).Error);
    }

    [Fact]
    public void Datagrams_are_queued_with_their_source_and_the_observer_is_told()
    {
        var udp = new UdpLayer();
        var observer = new Observer();
        using var socket = udp.Bind(53, observer);
        var (ip, bytes) = Datagram(4000, 53, [1, 2, 3]);
        Assert.True(udp.Receive(ip, bytes, 0));
        Assert.True(udp.Receive(ip, bytes, 0));
        Assert.Equal(1, observer.Readable);
        var buffer = new byte[16];
        Assert.True(socket.TryReceive(buffer, out int length, out var source));
        Assert.Equal(new Ipv4Endpoint(s_peer, 4000), source);
        Assert.Equal([1, 2, 3], buffer[..length]);
        var small = new byte[2];
        Assert.True(socket.TryReceive(small, out length, out int datagramLength, out _));
        Assert.Equal((2, 3), (length, datagramLength));
        Assert.False(socket.TryReceive(buffer, out _, out _));
    }

    [Fact]
    public void Full_receive_queue_drops_and_counts()
    {
        var udp = new UdpLayer(new UdpLayerOptions { QueueDepth = 2 });
        using var socket = udp.Bind(53);
        var (ip, bytes) = Datagram(4000, 53, [1]);
        for (int i = 0; i < 5; i++) udp.Receive(ip, bytes, 0);
        Assert.Equal(2, socket.ReceiveQueueCount);
        Assert.Equal(3, udp.Counters.ReceiveQueueFull);
    }

    [Fact]
    public void No_socket_returns_false_and_bad_checksum_is_dropped()
    {
        var udp = new UdpLayer();
        var (ip, bytes) = Datagram(4000, 9999, [1, 2]);
        Assert.False(udp.Receive(ip, bytes, 0));
        using var socket = udp.Bind(9999);
        bytes[^1] ^= 0x55;
        Assert.True(udp.Receive(ip, bytes, 0));
        Assert.Equal(1, udp.Counters.Malformed);
        Assert.Equal(0, socket.ReceiveQueueCount);
    }

    [Fact]
    public void Sends_leave_at_poll_with_a_valid_checksum()
    {
        var udp = new UdpLayer();
        using var socket = udp.Bind(7000);
        var output = new RecordingOutput { LocalAddress = s_us };
        Assert.True(socket.TrySend(new Ipv4Endpoint(s_peer, 53), [5, 6, 7]));
        Assert.Equal(long.MaxValue, udp.Poll(0, output));
        var (destination, protocol, payload) = Assert.Single(output.Sent);
        Assert.Equal(s_peer, destination);
        Assert.Equal(IpProtocol.Udp, protocol);
        Assert.True(UdpDatagram.TryCreate(payload, out var datagram));
        Assert.True(UdpRepr.TryParse(datagram, s_us, s_peer, out var repr));
        Assert.Equal(7000, repr.SourcePort);
        Assert.Equal([5, 6, 7], datagram.Payload.ToArray());
    }

    [Fact]
    public void Refused_output_keeps_datagrams_for_the_next_poll()
    {
        var udp = new UdpLayer();
        using var socket = udp.Bind(7000);
        var output = new RecordingOutput { Refuse = true };
        socket.TrySend(new Ipv4Endpoint(s_peer, 53), [1]);
        udp.Poll(0, output);
        Assert.Equal(1, socket.SendQueueCount);
        output.Refuse = false;
        udp.Poll(1, output);
        Assert.Single(output.Sent);
        Assert.Throws<NetException>(() => socket.TrySend(new Ipv4Endpoint(s_peer, 53), new byte[2000]));
    }
}
