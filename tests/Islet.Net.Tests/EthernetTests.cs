using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class EthernetTests
{
    [Fact]
    public void ParsesCapturedArpFrame()
    {
        Assert.True(EthernetFrame.TryCreate(Packets.ArpRequestFrame, out var frame));
        Assert.Equal(MacAddress.Broadcast, frame.Destination);
        Assert.Equal("00:07:0d:af:f4:54", frame.Source.ToString());
        Assert.Equal(EtherType.Arp, frame.EtherType);
        Assert.Equal(28, frame.Payload.Length);
        Assert.True(EthernetRepr.TryParse(frame, out var repr));
        Assert.Equal(new EthernetRepr(frame.Source, MacAddress.Broadcast, EtherType.Arp), repr);
    }

    [Fact]
    public void EmitMatchesCaptureAndRoundTrips()
    {
        Assert.True(EthernetFrame.TryCreate(Packets.ArpRequestFrame, out var frame));
        Assert.True(EthernetRepr.TryParse(frame, out var repr));
        var buf = new byte[repr.BufferLength(28)];
        Assert.True(repr.TryWrite(buf, out int written));
        Assert.Equal(14, written);
        Assert.Equal(Packets.ArpRequestFrame.AsSpan(0, 14).ToArray(), buf.AsSpan(0, 14).ToArray());
        Assert.True(EthernetFrame.TryCreate(buf, out var again));
        Assert.True(EthernetRepr.TryParse(again, out var repr2));
        Assert.Equal(repr, repr2);
        Assert.False(repr.TryWrite(new byte[13], out written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void EveryTruncationIsRejectedOrConsistent()
    {
        var full = Packets.ArpRequestFrame;
        for (int n = 0; n <= full.Length; n++)
        {
            bool ok = EthernetFrame.TryCreate(full.AsSpan(0, n), out var f);
            Assert.Equal(n >= 14, ok);
            if (ok) Assert.Equal(n - 14, f.Payload.Length);
        }
    }

    [Fact]
    public void FuzzNeverThrows() => Fuzz.Run(Packets.ArpRequestFrame, b =>
    {
        if (EthernetFrame.TryCreate(b, out var f) && EthernetRepr.TryParse(f, out var r))
        {
            _ = f.Payload.Length + r.HeaderLength;
        }
    });
}
