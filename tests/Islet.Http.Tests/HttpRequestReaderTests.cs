using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Islet.Http.Parsing;

namespace Islet.Http.Tests;

public class HttpRequestReaderTests
{
    internal const string BrowserGet =
        "GET /docs/index.html?lang=en HTTP/1.1\r\n" +
        "Host: www.example.com\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n" +
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n" +
        "Accept-Language: en-US,en;q=0.5\r\n" +
        "Accept-Encoding: gzip, deflate, br\r\n" +
        "Connection: keep-alive\r\n" +
        "If-None-Match: \"abc\"\r\n" +
        "Upgrade-Insecure-Requests: 1\r\n" +
        "Sec-Fetch-Dest: document\r\n\r\n";

    private static readonly string[] s_validRequests =
    [
        BrowserGet,
        "HEAD / HTTP/1.0\r\n\r\n",
        "\r\nOPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\nX-Empty:\r\nX-Tab:\tv\t\r\n\r\n",
        "BREW /pot HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
    ];

    private static (HttpParseStatus Status, HttpParseError Error, string Log, long Consumed) ParseOnce(ReadOnlySequence<byte> input, HttpParserLimits? limits = null)
    {
        var recorder = new HeadRecorder();
        var reader = new HttpRequestReader(input, default, limits ?? HttpParserLimits.Default);
        var status = reader.ReadHead(ref recorder);
        return (status, reader.Error, recorder.Log.ToString(), input.Slice(0, reader.Consumed).Length);
    }

    [Fact]
    public void Parses_request_line_and_headers_of_a_browser_get()
    {
        var (status, _, log, consumed) = ParseOnce(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(BrowserGet)));
        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Equal(BrowserGet.Length, consumed);
        Assert.StartsWith("Get GET /docs/index.html?lang=en Http11\nHost=www.example.com\n", log);
        Assert.Contains("Accept-Encoding=gzip, deflate, br\n", log);
        Assert.EndsWith("Sec-Fetch-Dest=document\nEND\n", log);
    }

    [Fact]
    public void Field_values_lose_surrounding_whitespace_and_keep_inner_tabs()
    {
        var (status, _, log, _) = ParseOnce(new ReadOnlySequence<byte>("GET / HTTP/1.1\r\nA:  x\ty  \t\r\nB:\r\n\r\n"u8.ToArray()));
        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Contains("A=x\ty\nB=\n", log);
    }

    [Fact]
    public void Pipelined_heads_are_read_one_after_another()
    {
        var data = Encoding.ASCII.GetBytes(string.Concat(s_validRequests.Skip(1)));
        var input = new ReadOnlySequence<byte>(data);
        var recorder = new HeadRecorder();
        int heads = 0;
        while (!input.IsEmpty)
        {
            var reader = new HttpRequestReader(input, default, HttpParserLimits.Default);
            Assert.Equal(HttpParseStatus.Complete, reader.ReadHead(ref recorder));
            input = input.Slice(reader.Consumed);
            heads++;
        }
        Assert.Equal(4, heads);
        Assert.Equal(4, recorder.Heads);
    }

    [Fact]
    public void Every_split_of_a_valid_request_into_segments_gives_the_same_parse()
    {
        foreach (var text in s_validRequests)
        {
            var data = Encoding.ASCII.GetBytes(text);
            var expected = ParseOnce(new ReadOnlySequence<byte>(data));
            Assert.Equal(HttpParseStatus.Complete, expected.Status);
            for (int cut = 1; cut < data.Length; cut++)
            {
                Assert.Equal(expected, ParseOnce(Sequences.Split(data, cut)));
                Assert.Equal(expected, ParseOnce(Sequences.Split(data, cut / 2, cut)));
            }
            Assert.Equal(expected, ParseOnce(Sequences.BytePerSegment(data)));
        }
    }

    [Fact]
    public void Every_prefix_needs_more_data_and_resuming_gives_the_same_parse()
    {
        foreach (var text in s_validRequests)
        {
            var data = Encoding.ASCII.GetBytes(text);
            var expected = ParseOnce(new ReadOnlySequence<byte>(data)).Log;
            for (int cut = 0; cut < data.Length; cut++)
            {
                // First read sees only data[..cut]; the second resumes from the saved state.
                var recorder = new HeadRecorder();
                var first = new HttpRequestReader(new ReadOnlySequence<byte>(data, 0, cut), default, HttpParserLimits.Default);
                Assert.Equal(HttpParseStatus.NeedMoreData, first.ReadHead(ref recorder));
                long consumed = new ReadOnlySequence<byte>(data, 0, cut).Slice(0, first.Consumed).Length;
                var rest = Sequences.Split(data[(int)consumed..], cut - (int)consumed);
                var second = new HttpRequestReader(rest, first.CurrentState, HttpParserLimits.Default);
                Assert.Equal(HttpParseStatus.Complete, second.ReadHead(ref recorder));
                Assert.Equal(expected, recorder.Log.ToString());
            }
        }
    }

    [Fact]
    public void Need_more_examines_everything_and_consumes_only_delivered_lines()
    {
        var data = "GET / HTTP/1.1\r\nHost: a\r\nAcc"u8.ToArray();
        var recorder = new HeadRecorder();
        var input = new ReadOnlySequence<byte>(data);
        var reader = new HttpRequestReader(input, default, HttpParserLimits.Default);
        Assert.Equal(HttpParseStatus.NeedMoreData, reader.ReadHead(ref recorder));
        Assert.Equal(input.End, reader.Examined);
        Assert.Equal(data.Length - 3, input.Slice(0, reader.Consumed).Length);
        Assert.True(reader.CurrentState.HasRequestLine);
        Assert.Equal(1, reader.CurrentState.HeaderFieldCount);
    }

    [Fact]
    public async Task Byte_by_byte_through_a_pipe_gives_the_same_parse_without_spinning()
    {
        foreach (var text in s_validRequests)
        {
            var data = Encoding.ASCII.GetBytes(text);
            var expected = ParseOnce(new ReadOnlySequence<byte>(data)).Log;
            var pipe = new Pipe(new PipeOptions(useSynchronizationContext: false));
            var recorder = new HeadRecorder();
            var state = default(HttpRequestReaderState);
            int reads = 0;
            for (int i = 0; ; i++)
            {
                if (i < data.Length) await pipe.Writer.WriteAsync(data.AsMemory(i, 1));
                var result = await pipe.Reader.ReadAsync();
                reads++;
                var reader = new HttpRequestReader(result.Buffer, state, HttpParserLimits.Default);
                var status = reader.ReadHead(ref recorder);
                state = reader.CurrentState;
                pipe.Reader.AdvanceTo(reader.Consumed, reader.Examined);
                if (status == HttpParseStatus.Complete) break;
                Assert.Equal(HttpParseStatus.NeedMoreData, status);
                // Everything was examined: without new bytes the next read must not complete.
                Assert.False(pipe.Reader.TryRead(out _));
            }
            Assert.Equal(data.Length, reads);
            Assert.Equal(expected, recorder.Log.ToString());
        }
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\nHost: a\r\n\r\n", HttpParseError.BadRequest)]            // bare LF
    [InlineData("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", HttpParseError.BadRequest)]        // bare CR
    [InlineData("GET /\r HTTP/1.1\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", HttpParseError.BadRequest)] // obs-fold
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n", HttpParseError.BadRequest)]           // space before colon
    [InlineData("GET / HTTP/1.1\r\nBad[Name]: a\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("G(T / HTTP/1.1\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET  / HTTP/1.1\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET / HTTP/2.0\r\n\r\n", HttpParseError.UnsupportedVersion)]
    [InlineData("GET / http/1.1\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET /a#frag HTTP/1.1\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET * HTTP/1.1\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET example.com:80 HTTP/1.1\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET / HTTP/1.1\r\nNoColon\r\n\r\n", HttpParseError.BadRequest)]
    [InlineData("GET / HTTP/1.1\r\nA: \u0001\r\n\r\n", HttpParseError.BadRequest)]
    public void Malformed_heads_are_typed_errors(string text, HttpParseError expected)
    {
        var (status, error, _, _) = ParseOnce(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text)));
        Assert.Equal(HttpParseStatus.Error, status);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Limits_are_typed_errors_even_before_the_line_ends()
    {
        var limits = new HttpParserLimits(32, 2, 64);
        Assert.Equal(HttpParseError.UriTooLong, ParseOnce(Bytes("GET /" + new string('a', 40)), limits).Error);
        Assert.Equal(HttpParseError.UriTooLong, ParseOnce(Bytes("GET /" + new string('a', 40) + " HTTP/1.1\r\n\r\n"), limits).Error);
        Assert.Equal(HttpParseError.HeadersTooLarge, ParseOnce(Bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), limits).Error);
        Assert.Equal(HttpParseError.HeadersTooLarge, ParseOnce(Bytes("GET / HTTP/1.1\r\nA: " + new string('x', 70)), limits).Error);
        Assert.Equal(HttpParseStatus.Complete, ParseOnce(Bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n"), limits).Status);
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));
}
