using Islet.Net.Icmp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Icmp;

public class IcmpLayerTests
{
    private const long Second = 1_000_000_000;
    private static readonly Ipv4Address s_peer = new(10, 0, 0, 2);
    private static readonly Ipv4Address s_us = new(10, 0, 0, 1);

    private static Ipv4Repr Header(IpProtocol protocol, int length) => new()
    {
        Source = s_peer, Destination = s_us, Protocol = protocol, PayloadLength = length, Ttl = 64,
    };

    private static byte[] Packet(Ipv4Repr header, byte[] payload)
    {
        var bytes = new byte[20 + payload.Length];
        header.TryWrite(bytes, out _);
        payload.CopyTo(bytes, 20);
        return bytes;
    }

    private static byte[] Echo(IcmpV4Message message, ushort id, ushort seq, byte[] data)
    {
        var repr = new IcmpV4Repr { Message = message, Identifier = id, SequenceNumber = seq, DataLength = data.Length };
        var bytes = new byte[repr.BufferLength];
        repr.TryWrite(bytes, data, out _);
        return bytes;
    }

    [Fact]
    public void Echo_request_is_answered_with_id_sequence_and_data()
    {
        var icmp = new IcmpLayer();
        var output = new RecordingOutput();
        var request = Echo(IcmpV4Message.EchoRequest, 0x1234, 7, [1, 2, 3, 4, 5]);
        icmp.Receive(Header(IpProtocol.Icmp, request.Length), request, toBroadcast: false, 0, output);
        var (destination, protocol, payload) = Assert.Single(output.Sent);
        Assert.Equal(s_peer, destination);
        Assert.Equal(IpProtocol.Icmp, protocol);
        Assert.True(IcmpV4Packet.TryCreate(payload, out var packet));
        Assert.True(IcmpV4Repr.TryParse(packet, out var reply));
        Assert.Equal(IcmpV4Message.EchoReply, reply.Message);
        Assert.Equal(0x1234, reply.Identifier);
        Assert.Equal(7, reply.SequenceNumber);
        Assert.Equal([1, 2, 3, 4, 5], packet.Data.ToArray());
    }

    [Fact]
    public void Echo_to_broadcast_and_malformed_messages_are_not_answered()
    {
        var icmp = new IcmpLayer();
        var output = new RecordingOutput();
        var request = Echo(IcmpV4Message.EchoRequest, 1, 1, [9]);
        icmp.Receive(Header(IpProtocol.Icmp, request.Length), request, toBroadcast: true, 0, output);
        request[^1] ^= 1;
        icmp.Receive(Header(IpProtocol.Icmp, request.Length), request, toBroadcast: false, 0, output);
        Assert.Empty(output.Sent);
        Assert.Equal(1, icmp.Counters.Malformed);
    }

    [Fact]
    public void Port_unreachable_quotes_the_header_and_8_bytes_and_is_rate_limited()
    {
        var icmp = new IcmpLayer(errorsPerSecond: 10, errorBurst: 10);
        var output = new RecordingOutput();
        var header = Header(IpProtocol.Udp, 30);
        var original = Packet(header, new byte[30]);
        for (int i = 0; i < 15; i++) icmp.TrySendUnreachable(IcmpLayer.PortUnreachable, header, original, false, 0, output);
        Assert.Equal(10, output.Sent.Count);
        Assert.Equal(5, icmp.Counters.RateLimited);
        Assert.True(IcmpV4Packet.TryCreate(output.Sent[0].Payload, out var packet));
        Assert.True(IcmpV4Repr.TryParse(packet, out var repr));
        Assert.Equal(IcmpV4Message.DestinationUnreachable, repr.Message);
        Assert.Equal(3, repr.Code);
        Assert.Equal(28, packet.Data.Length);
        Assert.Equal(original[..28], packet.Data.ToArray());
        Assert.True(icmp.TrySendUnreachable(IcmpLayer.PortUnreachable, header, original, false, Second / 10, output));
        Assert.False(icmp.TrySendUnreachable(IcmpLayer.PortUnreachable, header, original, false, Second / 10, output));
    }

    [Fact]
    public void No_errors_about_errors_broadcasts_or_fragments()
    {
        var icmp = new IcmpLayer();
        var output = new RecordingOutput();
        var error = new IcmpV4Repr { Message = IcmpV4Message.DestinationUnreachable, Code = 3, DataLength = 28 };
        var errorBytes = new byte[error.BufferLength];
        Header(IpProtocol.Udp, 8).TryWrite(errorBytes.AsSpan(8), out _);
        error.TryWrite(errorBytes, out _);
        var icmpHeader = Header(IpProtocol.Icmp, errorBytes.Length);
        Assert.False(icmp.TrySendUnreachable(2, icmpHeader, Packet(icmpHeader, errorBytes), false, 0, output));
        var udp = Header(IpProtocol.Udp, 16);
        var original = Packet(udp, new byte[16]);
        Assert.False(icmp.TrySendUnreachable(3, udp, original, toBroadcast: true, 0, output));
        Assert.False(icmp.TrySendUnreachable(3, udp with { MoreFragments = true }, original, false, 0, output));
        Assert.False(icmp.TrySendUnreachable(3, udp with { Source = Ipv4Address.Any }, original, false, 0, output));
        Assert.Empty(output.Sent);
    }

    [Fact]
    public void Token_bucket_refills_at_its_rate()
    {
        var bucket = new TokenBucket(10, 2);
        Assert.True(bucket.TryTake(0));
        Assert.True(bucket.TryTake(0));
        Assert.False(bucket.TryTake(0));
        Assert.False(bucket.TryTake(Second / 10 - 1));
        Assert.True(bucket.TryTake(Second / 10));
        Assert.True(bucket.TryTake(100 * Second));
        Assert.True(bucket.TryTake(100 * Second));
        Assert.False(bucket.TryTake(100 * Second));
    }
}
