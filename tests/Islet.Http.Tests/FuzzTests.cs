using System.Buffers;
using System.Text;
using Islet.Http.Internal;
using Islet.Http.Parsing;

namespace Islet.Http.Tests;

/// <summary>Seeded random and mutated requests: nothing may throw, every response must be well-formed.</summary>
public class FuzzTests
{
    private static readonly byte[][] s_seeds =
    [
        Encoding.ASCII.GetBytes(HttpRequestReaderTests.BrowserGet),
        "GET /page.html HTTP/1.1\r\nHost: a\r\nRange: bytes=0-4\r\nIf-Range: \"x\"\r\n\r\n"u8.ToArray(),
        "HEAD /docs HTTP/1.0\r\nConnection: keep-alive\r\nIf-Modified-Since: Tue, 04 Mar 2025 05:06:07 GMT\r\n\r\n"u8.ToArray(),
        "POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: b\r\n\r\n"u8.ToArray(),
        "PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: v\r\n\r\n"u8.ToArray(),
        "GET /a%20b.txt?q=1 HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip;q=0.5, *;q=0\r\nIf-None-Match: W/\"a\", \"b\"\r\n\r\n"u8.ToArray(),
        "OPTIONS * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"u8.ToArray(),
    ];

    private static readonly byte[][] s_huge =
    [
        "99999999999999999999999"u8.ToArray(), "18446744073709551616"u8.ToArray(), "FFFFFFFFFFFFFFFFF"u8.ToArray(), "-1"u8.ToArray(),
    ];

    internal static byte[] Mutate(Random random)
    {
        var data = new List<byte>(s_seeds[random.Next(s_seeds.Length)]);
        int operations = random.Next(1, 4);
        for (int i = 0; i < operations; i++)
        {
            switch (random.Next(8))
            {
                case 0 when data.Count > 0:
                    int bit = random.Next(data.Count * 8);
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1:
                    data.Insert(random.Next(data.Count + 1), (byte)random.Next(256));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveAt(random.Next(data.Count));
                    break;
                case 3:
                    data.RemoveRange(random.Next(data.Count + 1) is var cut ? cut : 0, data.Count - cut);
                    break;
                case 4:
                    var other = s_seeds[random.Next(s_seeds.Length)];
                    int from = random.Next(other.Length);
                    data.InsertRange(random.Next(data.Count + 1), other.AsSpan(from, random.Next(other.Length - from + 1)).ToArray());
                    break;
                case 5:
                    var noise = new byte[random.Next(1, 16)];
                    random.NextBytes(noise);
                    data.InsertRange(random.Next(data.Count + 1), noise);
                    break;
                case 6:
                    // Replace a run of digits (a length, a chunk size, a version) with a huge number.
                    int start = data.FindIndex(random.Next(data.Count + 1), b => b is >= (byte)'0' and <= (byte)'9');
                    if (start < 0) break;
                    int end = start;
                    while (end < data.Count && data[end] is >= (byte)'0' and <= (byte)'9') end++;
                    data.RemoveRange(start, end - start);
                    data.InsertRange(start, s_huge[random.Next(s_huge.Length)]);
                    break;
                default:
                    var line = Encoding.ASCII.GetBytes(random.Next(4) switch
                    {
                        0 => "Content-Length: 3\r\n",
                        1 => "Transfer-Encoding: chunked\r\n",
                        2 => " folded\r\n",
                        _ => "X-" + new string('a', random.Next(1, 40000)) + ": v\r\n",
                    });
                    data.InsertRange(random.Next(data.Count + 1), line);
                    break;
            }
        }
        if (random.Next(50) == 0)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            return bytes;
        }
        return data.ToArray();
    }

    [Fact]
    public void A_million_random_and_mutated_requests_never_throw_from_the_parser()
    {
        var random = new Random(20260101);
        var options = new HttpServerOptions { MaxHeaderBytes = 4096, MaxRequestLineLength = 1024 };
        var request = new HttpRequest(options);
        var limits = options.ParserLimits;
        int complete = 0, errors = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            var data = Mutate(random);
            var input = random.Next(4) == 0 ? Sequences.Split(data, random.Next(data.Length + 1), random.Next(data.Length + 1)) : new ReadOnlySequence<byte>(data);
            // Requests are read one after another until the input runs out or fails.
            var state = default(HttpRequestReaderState);
            for (int guard = 0; guard < 16 && !input.IsEmpty; guard++)
            {
                request.Reset();
                var handler = new HttpRequestHeadHandler(request);
                var reader = new HttpRequestReader(input, state, limits);
                var status = reader.ReadHead(ref handler);
                Assert.True(input.Slice(0, reader.Consumed).Length <= input.Length);
                if (status != HttpParseStatus.Complete)
                {
                    if (status == HttpParseStatus.NeedMoreData) Assert.Equal(input.End, reader.Examined);
                    else errors++;
                    break;
                }
                complete++;
                input = input.Slice(reader.Consumed);
                if (!SkipBody(request, ref input, options)) break;
            }
        }
        Assert.True(complete > 10_000, $"only {complete} heads parsed");
        Assert.True(errors > 10_000, $"only {errors} errors");
    }

    private static bool SkipBody(HttpRequest request, ref ReadOnlySequence<byte> input, HttpServerOptions options)
    {
        if (!request.IsChunked)
        {
            long length = Math.Max(0, request.ContentLength);
            if (length > input.Length) return false;
            input = input.Slice(length);
            return true;
        }
        var decoder = new ChunkedBodyDecoder();
        var reader = new SequenceReader<byte>(input);
        HttpBodyStatus status;
        do status = decoder.Decode(ref reader, options.MaxRequestBodySize, options.MaxHeaderBytes, out _, out _);
        while (status == HttpBodyStatus.Data);
        input = reader.UnreadSequence;
        return status == HttpBodyStatus.Complete;
    }

    [Fact]
    public void Twenty_thousand_mutated_requests_through_a_connection_get_well_formed_responses()
    {
        var store = new TestStore().Add("index.html", "<p>home</p>").Add("docs/index.html", "docs").Add("page.html", "0123456789abcdef", gzip: true);
        var options = new HttpServerOptions { MaxHeaderBytes = 4096, MaxRequestLineLength = 1024, MaxRequestBodySize = 4096 };
        int responses = Harness.OnLoop(async () =>
        {
            var random = new Random(7);
            int total = 0;
            for (int i = 0; i < 20_000; i++)
            {
                var data = Mutate(random);
                var handler = new RecordingHandler(new StaticSiteHandler(store));
                var pair = new PipePair();
                var run = new HttpConnection(pair.Server, handler, options).RunAsync();
                int split = random.Next(data.Length + 1);
                await pair.ToServer.Writer.WriteAsync(data.AsMemory(0, split));
                await pair.ToServer.Writer.WriteAsync(data.AsMemory(split));
                await pair.ToServer.Writer.CompleteAsync();
                await run;
                var output = await pair.ReadAllAsync();
                try
                {
                    total += ResponseChecker.Parse(output, handler.HeadFlags).Count;
                }
                catch (FormatException e)
                {
                    Assert.Fail($"case {i}: {e.Message}\nrequest: {Encoding.Latin1.GetString(data)}\nresponse: {Encoding.Latin1.GetString(output)}");
                }
            }
            return total;
        });
        Assert.True(responses > 15_000, $"only {responses} responses");
    }

    private sealed class RecordingHandler(IHttpHandler inner) : IHttpHandler
    {
        public List<bool> HeadFlags { get; } = [];

        public ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
        {
            HeadFlags.Add(request.Method == HttpMethod.Head);
            return inner.HandleAsync(request, response, cancellationToken);
        }
    }
}
