using System.Buffers;
using System.Text;
using Islet.Http.Parsing;

namespace Islet.Http.Tests;

public class ChunkedBodyDecoderTests
{
    private const string Body = "5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nTrailer: x\r\n\r\n";

    private static (HttpBodyStatus Status, HttpParseError Error, string Data, long Remaining) Decode(IEnumerable<ReadOnlySequence<byte>> reads, long max = 1 << 20)
    {
        var decoder = new ChunkedBodyDecoder();
        var data = new StringBuilder();
        var status = HttpBodyStatus.NeedMoreData;
        var error = HttpParseError.None;
        long rest = 0;
        foreach (var read in reads)
        {
            var reader = new SequenceReader<byte>(read);
            do
            {
                status = decoder.Decode(ref reader, max, 1024, out var chunk, out error);
                if (status == HttpBodyStatus.Data) data.Append(Encoding.ASCII.GetString(chunk.ToArray()));
            }
            while (status == HttpBodyStatus.Data);
            rest = reader.Remaining;
            if (status != HttpBodyStatus.NeedMoreData) break;
        }
        return (status, error, data.ToString(), rest);
    }

    [Fact]
    public void Decodes_chunks_skips_extensions_and_trailers_and_stops_at_the_message_end()
    {
        var result = Decode([new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(Body + "GET"))]);
        Assert.Equal(HttpBodyStatus.Complete, result.Status);
        Assert.Equal("helloabcdefghijklmnopqrstuvwxyz", result.Data);
        Assert.Equal(3, result.Remaining);
    }

    [Fact]
    public void Every_split_point_in_segments_and_across_reads_gives_the_same_body()
    {
        var data = Encoding.ASCII.GetBytes(Body);
        for (int cut = 0; cut <= data.Length; cut++)
        {
            var segmented = Decode([Sequences.Split(data, cut)]);
            Assert.Equal((HttpBodyStatus.Complete, "helloabcdefghijklmnopqrstuvwxyz"), (segmented.Status, segmented.Data));
            var twoReads = Decode([new ReadOnlySequence<byte>(data, 0, cut), new ReadOnlySequence<byte>(data, cut, data.Length - cut)]);
            Assert.Equal((HttpBodyStatus.Complete, "helloabcdefghijklmnopqrstuvwxyz"), (twoReads.Status, twoReads.Data));
        }
        var bytewise = Decode(data.Select(b => new ReadOnlySequence<byte>(new[] { b })));
        Assert.Equal("helloabcdefghijklmnopqrstuvwxyz", bytewise.Data);
    }

    [Theory]
    [InlineData("\r\n", HttpParseError.BadRequest)]                       // missing size
    [InlineData("g\r\n", HttpParseError.BadRequest)]
    [InlineData("-1\r\n", HttpParseError.BadRequest)]
    [InlineData("0x5\r\n", HttpParseError.BadRequest)]
    [InlineData("11111111111111111\r\n", HttpParseError.BadRequest)]      // 17 hex digits
    [InlineData("5\nhello\r\n", HttpParseError.BadRequest)]               // bare LF
    [InlineData("5\r\nhelloX\r\n", HttpParseError.BadRequest)]            // data longer than size
    [InlineData("0\r\nBad\rTrailer\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("FFFFFFFF\r\n", HttpParseError.PayloadTooLarge)]
    public void Malformed_or_oversized_chunks_are_errors(string text, HttpParseError expected)
    {
        var result = Decode([new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text))]);
        Assert.Equal(HttpBodyStatus.Error, result.Status);
        Assert.Equal(expected, result.Error);
    }
}
