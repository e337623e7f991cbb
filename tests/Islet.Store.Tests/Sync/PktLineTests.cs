using System.Buffers;
using System.Text;
using Islet.Store.Sync;
using Islet.Store.Tests.Packs;

namespace Islet.Store.Tests.Sync;

/// <summary>pkt-line framing (gitprotocol-common): parse, emit, round-trip, special packets, malformed lengths, and the stream reader.</summary>
public sealed class PktLineTests
{
    [Fact]
    public void A_data_line_parses_to_its_payload()
    {
        byte[] line = "000ahello\nrest"u8.ToArray();
        Assert.Equal(PktLineStatus.Done, PktLine.TryRead(line, out PktLineKind kind, out int payloadLength, out int consumed));
        Assert.Equal(PktLineKind.Data, kind);
        Assert.Equal(6, payloadLength);
        Assert.Equal(10, consumed);
        Assert.Equal("hello\n", Encoding.ASCII.GetString(line.AsSpan(PktLine.HeaderLength, payloadLength)));
        Assert.Equal("hello", Encoding.ASCII.GetString(PktLine.TrimNewline(line.AsSpan(PktLine.HeaderLength, payloadLength))));
        Assert.Equal(PktLineStatus.Done, PktLine.TryRead("000AHELLO\n"u8, out _, out payloadLength, out _));
        Assert.Equal(6, payloadLength);
    }

    [Fact]
    public void Text_lines_are_written_with_a_newline_and_the_length_counting_the_header()
    {
        var output = new ArrayBufferWriter<byte>();
        PktLine.WriteText(output, "hello");
        Assert.Equal("000ahello\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData(PktLineKind.Flush, "0000")]
    [InlineData(PktLineKind.Delimiter, "0001")]
    [InlineData(PktLineKind.ResponseEnd, "0002")]
    public void Special_packets_are_emitted_and_parsed(PktLineKind kind, string text)
    {
        var output = new ArrayBufferWriter<byte>();
        PktLine.WriteSpecial(output, kind);
        Assert.Equal(text, Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Equal(PktLineStatus.Done, PktLine.TryRead(output.WrittenSpan, out PktLineKind parsed, out int payloadLength, out int consumed));
        Assert.Equal(kind, parsed);
        Assert.Equal(0, payloadLength);
        Assert.Equal(4, consumed);
    }

    [Fact]
    public void Data_is_not_a_special_packet_and_empty_or_oversized_payloads_are_not_written()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => PktLine.WriteSpecial(output, PktLineKind.Data));
        Assert.Throws<ArgumentOutOfRangeException>(() => PktLine.WriteData(output, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => PktLine.WriteData(output, new byte[PktLine.MaxPayload + 1]));
        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(255)]
    [InlineData(4096)]
    [InlineData(PktLine.MaxPayload)]
    public void Payloads_round_trip(int size)
    {
        byte[] payload = new byte[size];
        new Random(size).NextBytes(payload);
        var output = new ArrayBufferWriter<byte>();
        PktLine.WriteData(output, payload);
        ReadOnlySpan<byte> written = output.WrittenSpan;
        Assert.Equal(PktLineStatus.Done, PktLine.TryRead(written, out PktLineKind kind, out int payloadLength, out int consumed));
        Assert.Equal(PktLineKind.Data, kind);
        Assert.Equal(written.Length, consumed);
        Assert.Equal(payload, written.Slice(PktLine.HeaderLength, payloadLength).ToArray());
        for (int cut = 0; cut < Math.Min(written.Length, 40); cut++)
            Assert.Equal(PktLineStatus.NeedMoreData, PktLine.TryRead(written[..cut], out _, out _, out _));
    }

    [Theory]
    [InlineData("0003")]
    [InlineData("0004")]
    [InlineData("fff1")]
    [InlineData("ffff")]
    [InlineData("00g5abc")]
    [InlineData("-001")]
    [InlineData(" 005")]
    [InlineData("0x05")]
    [InlineData("z")]
    [InlineData("00:")]
    public void Malformed_lengths_are_refused(string text)
    {
        Assert.Equal(PktLineStatus.Malformed, PktLine.TryRead(Encoding.ASCII.GetBytes(text), out _, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("000")]
    [InlineData("0005")]
    [InlineData("fff0abc")]
    public void Incomplete_lines_need_more_data(string text)
    {
        Assert.Equal(PktLineStatus.NeedMoreData, PktLine.TryRead(Encoding.ASCII.GetBytes(text), out _, out _, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(4096)]
    public async Task The_reader_reassembles_lines_split_across_reads(int chunk)
    {
        var output = new ArrayBufferWriter<byte>();
        var expected = new List<string?>();
        for (int i = 0; i < 30; i++)
        {
            if (i % 7 == 6)
            {
                PktLine.WriteSpecial(output, PktLineKind.Flush);
                expected.Add(null);
            }
            else
            {
                string text = new string((char)('a' + i % 26), i * 37 % 500 + 1);
                PktLine.WriteText(output, text);
                expected.Add(text);
            }
        }
        byte[] tail = "PACK-follows"u8.ToArray();
        var reader = new PktLineReader(new PackIngesterTests.TrickleStream([.. output.WrittenSpan, .. tail], chunk));
        foreach (string? line in expected)
        {
            PktLineKind kind = await reader.ReadAsync();
            if (line is null)
            {
                Assert.Equal(PktLineKind.Flush, kind);
            }
            else
            {
                Assert.Equal(PktLineKind.Data, kind);
                Assert.Equal(line, reader.PayloadText);
            }
        }
        var rest = new MemoryStream();
        rest.Write(reader.TakeBuffered().Span);
        Assert.True(tail.AsSpan().StartsWith(rest.ToArray()));
    }

    [Theory]
    [InlineData("", GitProtocolError.UnexpectedEnd)]
    [InlineData("00", GitProtocolError.UnexpectedEnd)]
    [InlineData("0009abc", GitProtocolError.UnexpectedEnd)]
    [InlineData("0003", GitProtocolError.MalformedPktLine)]
    [InlineData("00zz", GitProtocolError.MalformedPktLine)]
    public async Task The_reader_refuses_early_ends_and_bad_lengths(string text, GitProtocolError error)
    {
        var reader = new PktLineReader(new PackIngesterTests.TrickleStream(Encoding.ASCII.GetBytes(text), 2));
        var e = await Assert.ThrowsAsync<GitProtocolException>(async () => await reader.ReadAsync());
        Assert.Equal(error, e.Error);
    }
}
