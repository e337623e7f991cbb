using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class ArpTests
{
    private static byte[] Arp => Packets.ArpRequestFrame[14..];

    [Fact]
    public void ParsesCapturedRequest()
    {
        Assert.True(ArpPacket.TryCreate(Arp, out var p));
        Assert.Equal(1, p.HardwareType);
        Assert.Equal(EtherType.Ipv4, p.ProtocolType);
        Assert.Equal(6, p.HardwareLength);
        Assert.Equal(4, p.ProtocolLength);
        Assert.Equal(ArpOperation.Request, p.Operation);
        Assert.True(ArpRepr.TryParse(p, out var r));
        Assert.Equal(ArpOperation.Request, r.Operation);
        Assert.Equal("00:07:0d:af:f4:54", r.SenderHardwareAddress.ToString());
        Assert.Equal(Ipv4Address.Parse("24.166.172.1"), r.SenderProtocolAddress);
        Assert.Equal("00:00:00:00:00:00", r.TargetHardwareAddress.ToString());
        Assert.Equal(Ipv4Address.Parse("24.166.173.159"), r.TargetProtocolAddress);
    }

    [Fact]
    public void EmitReproducesCaptureAndReplyRoundTrips()
    {
        Assert.True(ArpPacket.TryCreate(Arp, out var p));
        Assert.True(ArpRepr.TryParse(p, out var r));
        var buf = new byte[r.BufferLength];
        Assert.True(r.TryWrite(buf, out int n));
        Assert.Equal(28, n);
        Assert.Equal(Arp, buf);

        var reply = new ArpRepr(ArpOperation.Reply, MacAddress.FromBytes([2, 0, 0, 0, 0, 1]), r.TargetProtocolAddress,
            r.SenderHardwareAddress, r.SenderProtocolAddress);
        Assert.True(reply.TryWrite(buf, out _));
        Assert.True(ArpPacket.TryCreate(buf, out var rp));
        Assert.True(ArpRepr.TryParse(rp, out var back));
        Assert.Equal(reply, back);
        Assert.False(reply.TryWrite(new byte[27], out n));
        Assert.Equal(0, n);
    }

    [Theory]
    [InlineData(1, 2)]   // htype 2
    [InlineData(2, 0x86)] // ptype IPv6-ish
    [InlineData(4, 8)]   // hlen 8
    [InlineData(5, 16)]  // plen 16
    [InlineData(7, 3)]   // op 3 (RARP)
    [InlineData(7, 0)]   // op 0
    public void RejectsNonEthernetIpv4(int offset, byte value)
    {
        var b = new byte[64];
        Arp.CopyTo(b, 0);
        b[offset] = value;
        if (ArpPacket.TryCreate(b, out var p))
            Assert.False(ArpRepr.TryParse(p, out _));
    }

    [Fact]
    public void OtherAddressLengthsAreBoundsChecked()
    {
        var b = new byte[8 + 2 * (255 + 255) - 1];
        b[4] = 255; b[5] = 255;
        Assert.False(ArpPacket.TryCreate(b, out _));
        Array.Resize(ref b, b.Length + 1);
        Assert.True(ArpPacket.TryCreate(b, out var p));
        Assert.Equal(255, p.TargetProtocolAddress.Length);
    }

    [Fact]
    public void EveryTruncationIsRejected()
    {
        var full = Arp;
        for (int n = 0; n < full.Length; n++)
            Assert.False(ArpPacket.TryCreate(full.AsSpan(0, n), out _));
    }

    [Fact]
    public void FuzzNeverThrows() => Fuzz.Run(Arp, b =>
    {
        if (!ArpPacket.TryCreate(b, out var p)) return;
        _ = p.SenderHardwareAddress.Length + p.SenderProtocolAddress.Length + p.TargetHardwareAddress.Length + p.TargetProtocolAddress.Length;
        _ = ArpRepr.TryParse(p, out _);
    });
}
