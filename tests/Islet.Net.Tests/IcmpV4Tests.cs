using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class IcmpV4Tests
{
    private static byte[] Ping => Packets.PingIpv4[20..];

    [Fact]
    public void ParsesCapturedPing()
    {
        Assert.True(Ipv4Packet.TryCreate(Packets.PingIpv4, out var ip));
        Assert.True(Ipv4Repr.TryParse(ip, out var ipRepr));
        Assert.Equal(IpProtocol.Icmp, ipRepr.Protocol);
        Assert.True(IcmpV4Packet.TryCreate(ip.Payload, out var p));
        Assert.Equal(IcmpV4Message.EchoRequest, p.Type);
        Assert.Equal(0, p.Code);
        Assert.Equal(0xa2ac, p.Checksum);
        Assert.Equal(0x1234, p.Identifier);
        Assert.Equal(1, p.SequenceNumber);
        Assert.Equal(48, p.Data.Length);
        Assert.True(p.VerifyChecksum());
        Assert.True(IcmpV4Repr.TryParse(p, out var r));
        Assert.Equal(new IcmpV4Repr { Message = IcmpV4Message.EchoRequest, Identifier = 0x1234, SequenceNumber = 1, DataLength = 48 }, r);
    }

    [Fact]
    public void EmitReproducesCaptureAndReplyRoundTrips()
    {
        var request = new IcmpV4Repr { Message = IcmpV4Message.EchoRequest, Identifier = 0x1234, SequenceNumber = 1, DataLength = 48 };
        var buf = new byte[request.BufferLength];
        Assert.True(request.TryWrite(buf, Ping[8..], out int n));
        Assert.Equal(56, n);
        Assert.Equal(Ping, buf);

        var reply = request with { Message = IcmpV4Message.EchoReply };
        Assert.True(reply.TryWrite(buf, out _)); // data already in place
        Assert.True(IcmpV4Packet.TryCreate(buf, out var p));
        Assert.True(IcmpV4Repr.TryParse(p, out var back));
        Assert.Equal(reply, back);
        Assert.Equal(Ping[8..], p.Data.ToArray());
    }

    [Fact]
    public void DestinationUnreachableQuotesOriginalHeader()
    {
        // Port unreachable for the DNS query: quote its IPv4 header + first 8 bytes (the UDP header).
        var quoted = Packets.DnsQueryIpv4[..28];
        Assert.True(Ipv4Packet.TryCreate(Packets.DnsQueryIpv4, out var ip));
        Assert.True(Ipv4Repr.TryParse(ip, out var original));
        var r = new IcmpV4Repr { Message = IcmpV4Message.DestinationUnreachable, Code = 3, OriginalHeader = original, DataLength = 28 };
        var buf = new byte[r.BufferLength];
        Assert.True(r.TryWrite(buf, quoted, out int n));
        Assert.Equal(36, n);
        Assert.True(IcmpV4Packet.TryCreate(buf, out var p));
        Assert.True(IcmpV4Repr.TryParse(p, out var back));
        Assert.Equal(r, back);
        Assert.Equal(37, back.OriginalHeader.PayloadLength);

        var fragNeeded = r with { Code = 4, NextHopMtu = 1400 };
        Assert.True(fragNeeded.TryWrite(buf, out _));
        Assert.True(IcmpV4Packet.TryCreate(buf, out p));
        Assert.Equal(1400, p.NextHopMtu);
        Assert.True(IcmpV4Repr.TryParse(p, out back));
        Assert.Equal(fragNeeded, back);
    }

    [Fact]
    public void DestinationUnreachableWithShortOrBadQuoteIsRejected()
    {
        Assert.True(Ipv4Packet.TryCreate(Packets.DnsQueryIpv4, out var ip));
        Assert.True(Ipv4Repr.TryParse(ip, out var original));
        for (int quoteLength = 0; quoteLength < 28; quoteLength++)
        {
            var r = new IcmpV4Repr { Message = IcmpV4Message.DestinationUnreachable, Code = 1, OriginalHeader = original, DataLength = quoteLength };
            var buf = new byte[r.BufferLength];
            Assert.True(r.TryWrite(buf, Packets.DnsQueryIpv4.AsSpan(0, quoteLength), out _));
            Assert.True(IcmpV4Packet.TryCreate(buf, out var p));
            Assert.False(IcmpV4Repr.TryParse(p, out _));
        }
        var bad = Packets.DnsQueryIpv4[..28];
        bad[8] ^= 1; // TTL changed without fixing the quoted header checksum
        var rb = new IcmpV4Repr { Message = IcmpV4Message.DestinationUnreachable, DataLength = 28 };
        var b2 = new byte[36];
        Assert.True(rb.TryWrite(b2, bad, out _));
        Assert.True(IcmpV4Packet.TryCreate(b2, out var pb));
        Assert.False(IcmpV4Repr.TryParse(pb, out _));
    }

    [Fact]
    public void RejectsBadChecksumUnknownTypeAndEchoCode()
    {
        var bad = Ping; bad[20] ^= 0x40;
        Assert.True(IcmpV4Packet.TryCreate(bad, out var p));
        Assert.False(p.VerifyChecksum());
        Assert.False(IcmpV4Repr.TryParse(p, out _));

        var timestamp = new byte[20]; timestamp[0] = 13;
        ushort c = InternetChecksum.Compute(timestamp);
        timestamp[2] = (byte)(c >> 8); timestamp[3] = (byte)c;
        Assert.True(IcmpV4Packet.TryCreate(timestamp, out p));
        Assert.True(p.VerifyChecksum());
        Assert.False(IcmpV4Repr.TryParse(p, out _));

        var echoWithCode = new IcmpV4Repr { Message = IcmpV4Message.EchoRequest, Code = 1 };
        Assert.False(echoWithCode.TryWrite(new byte[8], out _));
        Assert.False(new IcmpV4Repr { Message = (IcmpV4Message)13 }.TryWrite(new byte[8], out _));
        Assert.False(new IcmpV4Repr { Message = IcmpV4Message.EchoReply, DataLength = -1 }.TryWrite(new byte[8], out _));
        Assert.False(new IcmpV4Repr { Message = IcmpV4Message.EchoReply, DataLength = 1 }.TryWrite(new byte[8], out _));
    }

    [Fact]
    public void EveryTruncationIsRejectedOrConsistent()
    {
        var full = Ping;
        for (int n = 0; n <= full.Length; n++)
        {
            bool created = IcmpV4Packet.TryCreate(full.AsSpan(0, n), out var p);
            Assert.Equal(n >= 8, created);
            if (created && IcmpV4Repr.TryParse(p, out var r))
                Assert.Equal(n - 8, r.DataLength);
        }
    }

    [Fact]
    public void FuzzEchoNeverThrows() => Fuzz.Run(Ping, Parse);

    [Fact]
    public void FuzzUnreachableNeverThrows()
    {
        var r = new IcmpV4Repr { Message = IcmpV4Message.DestinationUnreachable, Code = 3, DataLength = 28 };
        var seed = new byte[36];
        Assert.True(r.TryWrite(seed, Packets.DnsQueryIpv4.AsSpan(0, 28), out _));
        Fuzz.Run(seed, Parse, rngSeed: 77);
    }

    private static void Parse(ReadOnlySpan<byte> b)
    {
        if (!IcmpV4Packet.TryCreate(b, out var p)) return;
        _ = p.Data.Length + p.Identifier + p.SequenceNumber + p.NextHopMtu;
        if (IcmpV4Repr.TryParse(p, out var r))
            Assert.Equal(b.Length, r.BufferLength);
    }
}
