using Islet.Net.Tcp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Tcp;

public class TcpReprTests
{
    private static readonly Ipv4Address Src = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address Dst = Ipv4Address.Parse("93.184.216.34");

    private static readonly byte[] LinuxSyn = Packets.LinuxTcpSyn;

    [Fact]
    public void Parses_a_linux_syn_and_emits_it_byte_for_byte()
    {
        Assert.True(TcpSegment.TryCreate(LinuxSyn, out var s));
        Assert.True(TcpRepr.TryParse(s, out var r));
        Assert.Equal(45678, r.SourcePort);
        Assert.Equal(80, r.DestinationPort);
        Assert.Equal(0x12345678u, r.SequenceNumber.Value);
        Assert.Equal(TcpFlags.Syn, r.Flags);
        Assert.Equal(64240, r.Window);
        Assert.Equal(1460, r.MaxSegmentSize);
        Assert.True(r.SackPermitted);
        Assert.True(r.HasTimestamps);
        Assert.Equal(0x0a1b2c3du, r.TimestampValue);
        Assert.Equal((byte)7, r.WindowScale);
        Assert.Equal(40, r.HeaderLength);
        var buffer = new byte[40];
        Assert.True(r.TryWrite(buffer, 0, Src, Dst, out int written));
        Assert.Equal(40, written);
        Assert.Equal(LinuxSyn, buffer);
    }

    [Fact]
    public void Round_trips_sack_blocks_timestamps_and_payload()
    {
        var r = new TcpRepr
        {
            SourcePort = 1, DestinationPort = 65535, SequenceNumber = new SeqNumber(0xFFFF_FFF0),
            AcknowledgmentNumber = new SeqNumber(7), Flags = TcpFlags.Ack | TcpFlags.Psh, Window = 1234, UrgentPointer = 0,
            HasTimestamps = true, TimestampValue = 1, TimestampEchoReply = 0xFFFF_FFFF,
        };
        for (uint i = 0; i < 3; i++) Assert.True(r.TryAddSackBlock(new TcpSackBlock(new SeqNumber(100 * i), new SeqNumber(100 * i + 50))));
        byte[] payload = [1, 2, 3, 4, 5];
        var buffer = new byte[r.HeaderLength + payload.Length];
        payload.CopyTo(buffer, r.HeaderLength);
        Assert.True(r.TryWrite(buffer, payload.Length, Src, Dst, out int h));
        Assert.Equal(20 + 12 + 28, h);
        Assert.True(TcpSegment.TryCreate(buffer, out var s));
        Assert.True(s.VerifyChecksum(Src, Dst));
        Assert.Equal(payload, s.Payload.ToArray());
        Assert.True(TcpRepr.TryParse(s, out var p));
        Assert.Equal(r.SequenceNumber, p.SequenceNumber);
        Assert.Equal(r.AcknowledgmentNumber, p.AcknowledgmentNumber);
        Assert.Equal(r.Flags, p.Flags);
        Assert.Equal(r.Window, p.Window);
        Assert.Equal(0xFFFF_FFFFu, p.TimestampEchoReply);
        Assert.Equal(3, p.SackBlockCount);
        for (int i = 0; i < 3; i++) Assert.Equal(r.GetSackBlock(i), p.GetSackBlock(i));
        Assert.Null(p.WindowScale);
        Assert.Equal(0, p.MaxSegmentSize);
    }

    [Theory]
    [InlineData("00000050000000000000000050020000" + "00000000")] // source port 0
    [InlineData("b26e00501234567800000000600200000000000002030000")] // MSS option with length 3
    [InlineData("b26e00501234567800000000600200000000000008040000")] // timestamps with length 4
    [InlineData("b26e0050123456780000000060020000000000000500ffff")] // SACK length 0
    public void Rejects_malformed_headers(string hex)
    {
        Assert.True(TcpSegment.TryCreate(Fuzz.Hex(hex), out var s));
        Assert.False(TcpRepr.TryParse(s, out _));
    }

    [Fact]
    public void Refuses_to_write_too_many_options_or_into_a_short_buffer()
    {
        var r = new TcpRepr { SourcePort = 1, DestinationPort = 2, HasTimestamps = true };
        for (uint i = 0; i < 4; i++) r.TryAddSackBlock(new TcpSackBlock(new SeqNumber(i), new SeqNumber(i + 1)));
        Assert.False(r.TryAddSackBlock(default));
        Assert.False(r.TryWrite(new byte[100], 0, Src, Dst, out _)); // 12 + 36 > 40
        r.ClearSackBlocks();
        Assert.False(r.TryWrite(new byte[r.HeaderLength + 3], 4, Src, Dst, out _));
        Assert.True(r.TryWrite(new byte[r.HeaderLength + 4], 4, Src, Dst, out _));
    }

    [Theory]
    [InlineData(0xFFFF_FFF0u, 0x10u, true)]
    [InlineData(0x10u, 0xFFFF_FFF0u, false)]
    [InlineData(5u, 6u, true)]
    [InlineData(0x7FFF_FFFFu, 0xFFFF_FFFEu, true)]
    public void Sequence_numbers_compare_modulo_2_32(uint a, uint b, bool less)
    {
        var x = new SeqNumber(a);
        var y = new SeqNumber(b);
        Assert.Equal(less, x < y);
        Assert.Equal(!less, x > y);
        Assert.Equal(unchecked((int)(b - a)), y - x);
        Assert.Equal(y, x + (y - x));
        Assert.True((x + 3).InWindow(x, 4));
        Assert.False((x + 4).InWindow(x, 4));
        Assert.False((x - 1).InWindow(x, 4));
    }
}
