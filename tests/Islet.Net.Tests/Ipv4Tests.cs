using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class Ipv4Tests
{
    [Fact]
    public void ParsesCapturedDnsQueryPacket()
    {
        Assert.True(Ipv4Packet.TryCreate(Packets.DnsQueryIpv4, out var p));
        Assert.Equal(4, p.Version);
        Assert.Equal(20, p.HeaderLength);
        Assert.Equal(0, p.Dscp);
        Assert.Equal(0, p.Ecn);
        Assert.Equal(57, p.TotalLength);
        Assert.Equal(0x1c46, p.Identification);
        Assert.True(p.DontFragment);
        Assert.False(p.MoreFragments);
        Assert.Equal(0, p.FragmentOffset);
        Assert.Equal(64, p.Ttl);
        Assert.Equal(IpProtocol.Udp, p.Protocol);
        Assert.Equal(0x4cac, p.Checksum);
        Assert.Equal(Ipv4Address.Parse("192.168.1.10"), p.Source);
        Assert.Equal(Ipv4Address.Parse("8.8.8.8"), p.Destination);
        Assert.True(p.Options.IsEmpty);
        Assert.Equal(37, p.Payload.Length);
        Assert.True(p.VerifyChecksum());
        Assert.True(Ipv4Repr.TryParse(p, out var r));
        Assert.Equal(37, r.PayloadLength);
        Assert.Equal(57, r.BufferLength);
    }

    [Fact]
    public void EmitReproducesCapturedHeader()
    {
        Assert.True(Ipv4Packet.TryCreate(Packets.DnsQueryIpv4, out var p));
        Assert.True(Ipv4Repr.TryParse(p, out var r));
        var buf = new byte[20];
        Assert.True(r.TryWrite(buf, out int written));
        Assert.Equal(20, written);
        Assert.Equal(Packets.DnsQueryIpv4.AsSpan(0, 20).ToArray(), buf);
    }

    [Fact]
    public void RoundTripsAllFields()
    {
        var r = new Ipv4Repr
        {
            Source = Ipv4Address.Parse("10.1.2.3"), Destination = Ipv4Address.Parse("224.0.0.1"),
            Protocol = IpProtocol.Tcp, PayloadLength = 100, Ttl = 1, Dscp = 46, Ecn = 3,
            Identification = 0xBEEF, DontFragment = false, MoreFragments = true, FragmentOffset = 1480,
        };
        var buf = new byte[r.BufferLength];
        Assert.True(r.TryWrite(buf, out _));
        Assert.True(Ipv4Packet.TryCreate(buf, out var p));
        Assert.True(Ipv4Repr.TryParse(p, out var back));
        Assert.Equal(r, back);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0)]
    [InlineData(65516, 0, 0, 0)]
    [InlineData(0, 64, 0, 0)]
    [InlineData(0, 0, 4, 0)]
    [InlineData(0, 0, 0, 7)]
    [InlineData(0, 0, 0, 65536)]
    public void EmitRejectsOutOfRangeFields(int payload, byte dscp, byte ecn, int fragOffset)
    {
        var r = new Ipv4Repr { PayloadLength = payload, Dscp = dscp, Ecn = ecn, FragmentOffset = fragOffset };
        Assert.False(r.TryWrite(new byte[64], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void RejectsBadVersionIhlLengthsAndChecksum()
    {
        static byte[] Fix(byte[] b)
        {
            int h = (b[0] & 0xF) * 4;
            if (h < 20 || h > b.Length) return b;
            b[10] = b[11] = 0;
            ushort c = InternetChecksum.Compute(b.AsSpan(0, h));
            b[10] = (byte)(c >> 8); b[11] = (byte)c;
            return b;
        }
        byte[] Mutate(Action<byte[]> m) { var b = (byte[])Packets.DnsQueryIpv4.Clone(); m(b); return Fix(b); }

        // Version 6: view is fine, repr rejects.
        var v6 = Mutate(b => b[0] = 0x65);
        Assert.True(Ipv4Packet.TryCreate(v6, out var p6));
        Assert.False(Ipv4Repr.TryParse(p6, out _));
        // IHL 4.
        Assert.False(Ipv4Packet.TryCreate(Mutate(b => b[0] = 0x44), out _));
        // Total length below header and above buffer.
        Assert.False(Ipv4Packet.TryCreate(Mutate(b => { b[2] = 0; b[3] = 19; }), out _));
        Assert.False(Ipv4Packet.TryCreate(Mutate(b => { b[2] = 0; b[3] = 58; }), out _));
        // IHL larger than total length.
        Assert.False(Ipv4Packet.TryCreate(Mutate(b => { b[0] = 0x4F; }), out _));
        // Bad checksum.
        var bad = (byte[])Packets.DnsQueryIpv4.Clone();
        bad[11] ^= 1;
        Assert.True(Ipv4Packet.TryCreate(bad, out var pb));
        Assert.False(pb.VerifyChecksum());
        Assert.False(Ipv4Repr.TryParse(pb, out _));
    }

    [Fact]
    public void OptionsAreExposedAndSkipped()
    {
        // Header with one 4-byte option (NOP NOP NOP EOL), IHL 6.
        var r = new Ipv4Repr { Source = new(1, 2, 3, 4), Destination = new(5, 6, 7, 8), Protocol = IpProtocol.Udp, PayloadLength = 2, Ttl = 9 };
        var buf = new byte[26];
        Assert.True(r.TryWrite(buf, out _));
        buf.AsSpan(20, 2).CopyTo(buf.AsSpan(24)); // (payload bytes are zero anyway)
        buf[0] = 0x46; buf[3] = 26; buf[20] = 1; buf[21] = 1; buf[22] = 1; buf[23] = 0;
        buf[10] = buf[11] = 0;
        ushort c = InternetChecksum.Compute(buf.AsSpan(0, 24));
        buf[10] = (byte)(c >> 8); buf[11] = (byte)c;
        Assert.True(Ipv4Packet.TryCreate(buf, out var p));
        Assert.Equal(24, p.HeaderLength);
        Assert.Equal(new byte[] { 1, 1, 1, 0 }, p.Options.ToArray());
        Assert.Equal(2, p.Payload.Length);
        Assert.True(Ipv4Repr.TryParse(p, out var back));
        Assert.Equal(r, back);
    }

    [Fact]
    public void TrailingPaddingIsIgnored()
    {
        var padded = new byte[Packets.DnsQueryIpv4.Length + 7];
        Packets.DnsQueryIpv4.CopyTo(padded, 0);
        Assert.True(Ipv4Packet.TryCreate(padded, out var p));
        Assert.Equal(37, p.Payload.Length);
    }

    [Fact]
    public void EveryTruncationIsRejected()
    {
        var full = Packets.DnsQueryIpv4;
        for (int n = 0; n < full.Length; n++)
            Assert.False(Ipv4Packet.TryCreate(full.AsSpan(0, n), out _));
        Assert.True(Ipv4Packet.TryCreate(full, out _));
    }

    [Fact]
    public void FuzzNeverThrows() => Fuzz.Run(Packets.DnsQueryIpv4, b =>
    {
        if (!Ipv4Packet.TryCreate(b, out var p)) return;
        _ = p.Options.Length + p.Payload.Length + p.FragmentOffset + (int)p.Protocol + p.Dscp + p.Ecn;
        if (Ipv4Repr.TryParse(p, out var r))
            Assert.Equal(p.TotalLength, r.PayloadLength + p.HeaderLength);
    });
}
