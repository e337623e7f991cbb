using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using BenchmarkDotNet.Attributes;
using Islet.Http;
using Islet.Http.Internal;
using Islet.Http.Parsing;

namespace Islet.Http.Benchmarks;

/// <summary>The request-head parser and the response-head formatter; parsing must allocate 0 B.</summary>
[MemoryDiagnoser]
public class HttpParserBenchmarks
{
    private const string BrowserGet =
        "GET /docs/index.html?lang=en HTTP/1.1\r\n" +
        "Host: www.example.com\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n" +
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n" +
        "Accept-Language: en-US,en;q=0.5\r\n" +
        "Accept-Encoding: gzip, deflate, br, zstd\r\n" +
        "Connection: keep-alive\r\n" +
        "Cookie: session=0123456789abcdef0123456789abcdef\r\n" +
        "If-None-Match: \"0123456789abcdef0123456789abcdef\"\r\n" +
        "If-Modified-Since: Tue, 04 Mar 2025 05:06:07 GMT\r\n" +
        "Upgrade-Insecure-Requests: 1\r\n" +
        "Sec-Fetch-Dest: document\r\n\r\n";

    private ReadOnlySequence<byte> _browserGet;
    private ReadOnlySequence<byte> _pipelined;
    private HttpRequest _request = null!;
    private Pipe _pipe = null!;
    private HttpResponse _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        _browserGet = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(BrowserGet));
        _pipelined = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("GET /style.css HTTP/1.1\r\nHost: a\r\n\r\n", 16))));
        _request = new HttpRequest(HttpServerOptions.Default);
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var dates = new DateHeaderCache();
        dates.Update(DateTimeOffset.UtcNow);
        _response = new HttpResponse(_pipe.Writer, dates);
    }

    [Benchmark(Description = "Parse browser GET head (~600 B, 12 headers)")]
    public int ParseBrowserGet()
    {
        _request.Reset();
        var handler = new HttpRequestHeadHandler(_request);
        var reader = new HttpRequestReader(_browserGet, default, HttpParserLimits.Default);
        return (int)reader.ReadHead(ref handler);
    }

    [Benchmark(Description = "Parse 16 pipelined small GETs")]
    public int ParsePipelined()
    {
        var input = _pipelined;
        int count = 0;
        while (!input.IsEmpty)
        {
            _request.Reset();
            var handler = new HttpRequestHeadHandler(_request);
            var reader = new HttpRequestReader(input, default, HttpParserLimits.Default);
            if (reader.ReadHead(ref handler) != HttpParseStatus.Complete) break;
            input = input.Slice(reader.Consumed);
            count++;
        }
        return count;
    }

    [Benchmark(Description = "Format a 200 response head")]
    public long FormatResponseHead()
    {
        _response.Reset(isHeadRequest: true, keepAlive: true, http10: false);
        _response.StartHead(200);
        _response.AddHeader("Content-Type"u8, "text/html; charset=utf-8");
        _response.AddHeader("ETag"u8, "\"0123456789abcdef0123456789abcdef\""u8);
        _response.AddDateHeader("Last-Modified"u8, new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
        _response.AddHeader("Accept-Ranges"u8, "bytes"u8);
        _response.EndHead(12345);
        long written = _response.UnflushedBytes;
        _response.UnflushedBytes = 0;
        _pipe.Writer.FlushAsync().GetAwaiter().GetResult();
        _pipe.Reader.TryRead(out var result);
        _pipe.Reader.AdvanceTo(result.Buffer.End);
        return written;
    }
}
