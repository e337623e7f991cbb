using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class TcpTests
{
    private static readonly Ipv4Address Src = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address Dst = Ipv4Address.Parse("93.184.216.34");

    private static readonly byte[] Syn = Packets.LinuxTcpSyn;

    [Fact]
    public void ParsesSynHeader()
    {
        Assert.True(TcpSegment.TryCreate(Syn, out var s));
        Assert.Equal(45678, s.SourcePort);
        Assert.Equal(80, s.DestinationPort);
        Assert.Equal(0x12345678u, s.SequenceNumber);
        Assert.Equal(0u, s.AcknowledgmentNumber);
        Assert.Equal(40, s.HeaderLength);
        Assert.Equal(TcpFlags.Syn, s.Flags);
        Assert.Equal(64240, s.Window);
        Assert.Equal(0x03bf, s.Checksum);
        Assert.Equal(0, s.UrgentPointer);
        Assert.Equal(20, s.Options.Length);
        Assert.True(s.Payload.IsEmpty);
        Assert.True(s.VerifyChecksum(Src, Dst));
        var corrupt = (byte[])Syn.Clone(); corrupt[5] ^= 1;
        Assert.True(TcpSegment.TryCreate(corrupt, out var c));
        Assert.False(c.VerifyChecksum(Src, Dst));
    }

    [Fact]
    public void ReadsSynOptions()
    {
        Assert.True(TcpSegment.TryCreate(Syn, out var s));
        var reader = new TcpOptionReader(s.Options);
        Assert.True(reader.TryReadNext(out var o));
        Assert.Equal(TcpOptionKind.MaxSegmentSize, o.Kind);
        Assert.Equal(1460, o.MaxSegmentSize);
        Assert.True(reader.TryReadNext(out o));
        Assert.Equal(TcpOptionKind.SackPermitted, o.Kind);
        Assert.True(o.Data.IsEmpty);
        Assert.True(reader.TryReadNext(out o));
        Assert.Equal(TcpOptionKind.Timestamps, o.Kind);
        Assert.Equal(0x0a1b2c3du, o.TimestampValue);
        Assert.Equal(0u, o.TimestampEchoReply);
        Assert.Equal(0, o.MaxSegmentSize);
        Assert.True(reader.TryReadNext(out o));
        Assert.Equal(TcpOptionKind.NoOperation, o.Kind);
        Assert.True(reader.TryReadNext(out o));
        Assert.Equal(TcpOptionKind.WindowScale, o.Kind);
        Assert.Equal(7, o.WindowScale);
        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsMalformed);
    }

    [Fact]
    public void ReadsSackBlocksAndStopsAtEndOfList()
    {
        byte[] opts = Fuzz.Hex("0101 0512 00000064 000000c8 0000012c 00000190 00 ff ff");
        var reader = new TcpOptionReader(opts);
        Assert.True(reader.TryReadNext(out var o));
        Assert.True(reader.TryReadNext(out o));
        Assert.True(reader.TryReadNext(out o));
        Assert.Equal(TcpOptionKind.Sack, o.Kind);
        Assert.Equal(2, o.SackBlockCount);
        Assert.True(o.TryGetSackBlock(0, out uint l, out uint r));
        Assert.Equal((100u, 200u), (l, r));
        Assert.True(o.TryGetSackBlock(1, out l, out r));
        Assert.Equal((300u, 400u), (l, r));
        Assert.False(o.TryGetSackBlock(2, out _, out _));
        Assert.False(o.TryGetSackBlock(-1, out _, out _));
        Assert.False(reader.TryReadNext(out _)); // EOL; the 0xff bytes after it are padding
        Assert.False(reader.IsMalformed);
    }

    [Fact]
    public void UnknownKindsAreSkipped()
    {
        var reader = new TcpOptionReader(Fuzz.Hex("1e04abcd 020405b4"));
        Assert.True(reader.TryReadNext(out var o));
        Assert.Equal((TcpOptionKind)30, o.Kind);
        Assert.Equal(2, o.Data.Length);
        Assert.True(reader.TryReadNext(out o));
        Assert.Equal(1460, o.MaxSegmentSize);
        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsMalformed);
    }

    [Theory]
    [InlineData("02")]              // length octet missing
    [InlineData("0201")]            // length < 2
    [InlineData("0200")]            // length 0
    [InlineData("020405")]          // runs past the end
    [InlineData("020305")]          // MSS length 3
    [InlineData("03020a")]          // window scale length 2
    [InlineData("0403")]            // SACK-permitted length 3 (and past end)
    [InlineData("040300")]          // SACK-permitted length 3
    [InlineData("0502")]            // SACK with no blocks
    [InlineData("050b0000000000000000000000")] // SACK length not 2+8n
    [InlineData("082a")]            // timestamps wrong length, past end
    [InlineData("0809000000000000000000")] // timestamps length 9
    [InlineData("1e01")]            // unknown kind, length 1
    public void RejectsMalformedLengths(string hex)
    {
        var reader = new TcpOptionReader(Fuzz.Hex("01" + hex));
        Assert.True(reader.TryReadNext(out var nop));
        Assert.Equal(TcpOptionKind.NoOperation, nop.Kind);
        Assert.False(reader.TryReadNext(out _));
        Assert.True(reader.IsMalformed);
        Assert.False(reader.TryReadNext(out _));
    }

    [Fact]
    public void RejectsBadDataOffsetAndEveryTruncation()
    {
        var low = (byte[])Syn.Clone(); low[12] = 0x40;
        Assert.False(TcpSegment.TryCreate(low, out _));
        var high = (byte[])Syn.Clone(); high[12] = 0xB0; // 44 > 40
        Assert.False(TcpSegment.TryCreate(high, out _));
        for (int n = 0; n < Syn.Length; n++)
            Assert.False(TcpSegment.TryCreate(Syn.AsSpan(0, n), out _));
        var withData = new byte[Syn.Length + 5];
        Syn.CopyTo(withData, 0);
        Assert.True(TcpSegment.TryCreate(withData, out var s));
        Assert.Equal(5, s.Payload.Length);
    }

    [Fact]
    public void FuzzNeverThrows() => Fuzz.Run(Syn, b =>
    {
        if (!TcpSegment.TryCreate(b, out var s)) return;
        _ = s.Payload.Length + s.SequenceNumber + s.AcknowledgmentNumber + (int)s.Flags + s.Window + s.UrgentPointer;
        _ = s.VerifyChecksum(Src, Dst);
        var reader = new TcpOptionReader(s.Options);
        int count = 0;
        while (reader.TryReadNext(out var o))
        {
            _ = o.MaxSegmentSize + o.WindowScale + o.TimestampValue + o.TimestampEchoReply;
            for (int i = 0; o.TryGetSackBlock(i, out _, out _); i++) { }
            Assert.True(++count <= 40);
        }
    });
}
