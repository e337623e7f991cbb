using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class UdpTests
{
    private static readonly Ipv4Address Src = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address Dst = Ipv4Address.Parse("8.8.8.8");
    private static byte[] Udp => Packets.DnsQueryIpv4[20..];

    [Fact]
    public void ParsesCapturedDnsQuery()
    {
        Assert.True(UdpDatagram.TryCreate(Udp, out var d));
        Assert.Equal(54321, d.SourcePort);
        Assert.Equal(53, d.DestinationPort);
        Assert.Equal(37, d.Length);
        Assert.Equal(0x6fe2, d.Checksum);
        Assert.Equal(29, d.Payload.Length);
        Assert.Equal(0x1a, d.Payload[0]);
        Assert.True(d.VerifyChecksum(Src, Dst));
        Assert.False(d.VerifyChecksum(Src, new Ipv4Address(8, 8, 4, 4)));
        Assert.True(UdpRepr.TryParse(d, Src, Dst, out var r));
        Assert.Equal(new UdpRepr(54321, 53, 29), r);
    }

    [Fact]
    public void EmitReproducesCaptureBothOverloads()
    {
        var r = new UdpRepr(54321, 53, 29);
        var payload = Udp[8..];
        var buf = new byte[r.BufferLength];
        Assert.True(r.TryWrite(buf, Src, Dst, payload, out int written));
        Assert.Equal(37, written);
        Assert.Equal(Udp, buf);

        var inPlace = new byte[40];
        payload.CopyTo(inPlace, 8);
        Assert.True(r.TryWrite(inPlace, Src, Dst, out written));
        Assert.Equal(Udp, inPlace[..written]);
    }

    [Fact]
    public void ZeroChecksumMeansNone()
    {
        var b = Udp;
        b[6] = b[7] = 0;
        Assert.True(UdpDatagram.TryCreate(b, out var d));
        Assert.True(UdpRepr.TryParse(d, Src, Dst, out _));
        b[9] ^= 0xFF; // corrupt payload: still accepted, no checksum
        Assert.True(UdpDatagram.TryCreate(b, out d));
        Assert.True(UdpRepr.TryParse(d, Src, Dst, out _));
    }

    [Fact]
    public void ComputedZeroIsSentAsAllOnes()
    {
        // Search for a source port whose checksum computes to zero, then check it is sent as 0xFFFF.
        var buf = new byte[8];
        for (int port = 0; port <= ushort.MaxValue; port++)
        {
            var r = new UdpRepr((ushort)port, 7, 0);
            Assert.True(r.TryWrite(buf, Src, Dst, out _));
            if (buf[6] == 0xFF && buf[7] == 0xFF)
            {
                Assert.True(UdpDatagram.TryCreate(buf, out var d));
                Assert.True(UdpRepr.TryParse(d, Src, Dst, out var back));
                Assert.Equal(r, back);
                return;
            }
            Assert.False(buf[6] == 0 && buf[7] == 0);
        }
        Assert.Fail("no port produced a zero checksum");
    }

    [Fact]
    public void RejectsBadChecksumLengthAndPortZero()
    {
        var bad = Udp; bad[20] ^= 1;
        Assert.True(UdpDatagram.TryCreate(bad, out var d));
        Assert.False(UdpRepr.TryParse(d, Src, Dst, out _));

        var shortLen = Udp; shortLen[4] = 0; shortLen[5] = 7;
        Assert.False(UdpDatagram.TryCreate(shortLen, out _));
        var longLen = Udp; longLen[5] = 38;
        Assert.False(UdpDatagram.TryCreate(longLen, out _));

        var r = new UdpRepr(1000, 0, 0);
        var buf = new byte[8];
        Assert.True(r.TryWrite(buf, Src, Dst, out _));
        Assert.True(UdpDatagram.TryCreate(buf, out d));
        Assert.False(UdpRepr.TryParse(d, Src, Dst, out _));
    }

    [Fact]
    public void EmitRejectsBadSizes()
    {
        Assert.False(new UdpRepr(1, 2, 10).TryWrite(new byte[17], Src, Dst, out _));
        Assert.False(new UdpRepr(1, 2, 65528).TryWrite(new byte[70000], Src, Dst, out _));
        Assert.False(new UdpRepr(1, 2, -1).TryWrite(new byte[70000], Src, Dst, out _));
        Assert.False(new UdpRepr(1, 2, 3).TryWrite(new byte[20], Src, Dst, new byte[4], out _));
    }

    [Fact]
    public void RoundTripsRandomDatagrams()
    {
        var rng = new Random(5);
        var buf = new byte[1500];
        for (int i = 0; i < 1000; i++)
        {
            var r = new UdpRepr((ushort)rng.Next(65536), (ushort)rng.Next(1, 65536), rng.Next(0, 1400));
            rng.NextBytes(buf);
            Assert.True(r.TryWrite(buf, Src, Dst, out int n));
            Assert.True(UdpDatagram.TryCreate(buf.AsSpan(0, n), out var d));
            Assert.True(UdpRepr.TryParse(d, Src, Dst, out var back));
            Assert.Equal(r, back);
        }
    }

    [Fact]
    public void EveryTruncationIsRejected()
    {
        var full = Udp;
        for (int n = 0; n < full.Length; n++)
            Assert.False(UdpDatagram.TryCreate(full.AsSpan(0, n), out _));
    }

    [Fact]
    public void FuzzNeverThrows() => Fuzz.Run(Udp, b =>
    {
        if (!UdpDatagram.TryCreate(b, out var d)) return;
        _ = d.Payload.Length + d.SourcePort;
        if (UdpRepr.TryParse(d, Src, Dst, out var r))
            Assert.Equal(d.Length, r.BufferLength);
    });
}
