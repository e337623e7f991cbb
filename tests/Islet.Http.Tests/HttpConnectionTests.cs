using System.Text;
using Islet.Events;

namespace Islet.Http.Tests;

public class HttpConnectionTests
{
    [Fact]
    public void Pipelined_requests_are_answered_in_order_with_one_flush()
    {
        var handler = new EchoHandler();
        var (responses, flushes) = Harness.OnLoop(async () =>
        {
            var pair = new PipePair();
            var run = new HttpConnection(pair.Server, handler).RunAsync();
            await pair.SendAsync("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
            await pair.ToServer.Writer.CompleteAsync();
            await run;
            return (ResponseChecker.Parse(await pair.ReadAllAsync()), pair.ServerOutput.Flushes);
        });
        Assert.Equal(["GET /1", "GET /2", "GET /3"], responses.Select(r => r.BodyText));
        Assert.Equal(1, flushes);
        Assert.All(responses, r => Assert.Null(r.Header("Connection")));
    }

    [Fact]
    public void Keep_alive_serves_requests_sent_later_on_the_same_connection()
    {
        var responses = Harness.OnLoop(async () =>
        {
            var pair = new PipePair();
            var loop = EventLoop.Current;
            var run = new HttpConnection(pair.Server, new EchoHandler()).RunAsync();
            await pair.SendAsync("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
            await loop.Delay(TimeSpan.FromSeconds(5));
            await pair.SendAsync("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
            await pair.ToServer.Writer.CompleteAsync();
            await run;
            return ResponseChecker.Parse(await pair.ReadAllAsync());
        });
        Assert.Equal(["GET /1", "GET /2"], responses.Select(r => r.BodyText));
    }

    [Fact]
    public void Connection_close_is_honoured_and_later_requests_are_ignored()
    {
        var responses = Harness.Exchange("GET /1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n", endInput: false);
        Assert.Single(responses);
        Assert.Equal("close", responses[0].Header("Connection"));
    }

    [Fact]
    public void Http10_closes_by_default_and_keeps_alive_when_asked()
    {
        var plain = Harness.Exchange("GET /1 HTTP/1.0\r\n\r\nGET /2 HTTP/1.0\r\n\r\n", endInput: false);
        Assert.Single(plain);
        Assert.Equal("close", plain[0].Header("Connection"));

        var kept = Harness.Exchange("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\n", endInput: false);
        Assert.Equal(2, kept.Count);
        Assert.Equal("keep-alive", kept[0].Header("Connection"));
        Assert.Equal("close", kept[1].Header("Connection"));
    }

    [Fact]
    public void Bodies_are_consumed_so_pipelined_requests_after_them_parse()
    {
        var handler = new EchoHandler();
        var responses = Harness.Exchange(
            "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 15\r\n\r\nGET /x HTTP/1.1" +
            "POST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nGET \r\n0\r\nT: 1\r\n\r\n" +
            "GET /c HTTP/1.1\r\nHost: a\r\n\r\n", handler);
        Assert.Equal(["POST /a", "POST /b", "GET /c"], responses.Select(r => r.BodyText));
    }

    [Fact]
    public void Expect_100_continue_gets_an_interim_response_before_the_body_is_sent()
    {
        var output = Harness.OnLoop(async () =>
        {
            var pair = new PipePair();
            var run = new HttpConnection(pair.Server, new EchoHandler()).RunAsync();
            await pair.SendAsync("PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
            var first = await pair.ToClient.Reader.ReadAsync();
            string interim = Encoding.ASCII.GetString(System.Buffers.BuffersExtensions.ToArray(first.Buffer));
            pair.ToClient.Reader.AdvanceTo(first.Buffer.End);
            await pair.SendAsync("abc");
            await pair.ToServer.Writer.CompleteAsync();
            await run;
            return (interim, ResponseChecker.Parse(await pair.ReadAllAsync()));
        });
        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n", output.interim);
        Assert.Equal("PUT /f", Assert.Single(output.Item2).BodyText);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 400)]                                                     // no Host
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -3\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x3\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400)]
    [InlineData("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n", 417)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", 400)]
    [InlineData("GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\n\r\n", 413)]
    public void Malformed_requests_get_their_status_and_the_connection_closes(string request, int status)
    {
        var responses = Harness.Exchange(request + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = Assert.Single(responses);
        Assert.Equal(status, response.Status);
        Assert.Equal("close", response.Header("Connection"));
    }

    [Fact]
    public void Limits_answer_413_414_and_431()
    {
        var options = new HttpServerOptions { MaxRequestLineLength = 64, MaxHeaderCount = 3, MaxHeaderBytes = 256, MaxRequestBodySize = 10 };
        Assert.Equal(414, Harness.Exchange("GET /" + new string('a', 100) + " HTTP/1.1\r\nHost: a\r\n\r\n", options: options).Single().Status);
        Assert.Equal(414, Harness.Exchange("GET /" + new string('a', 100), options: options, endInput: false).Single().Status);
        Assert.Equal(431, Harness.Exchange("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", options: options).Single().Status);
        Assert.Equal(431, Harness.Exchange("GET / HTTP/1.1\r\nHost: a\r\nA: " + new string('x', 300) + "\r\n\r\n", options: options).Single().Status);
        Assert.Equal(413, Harness.Exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", options: options).Single().Status);
        Assert.Equal(413, Harness.Exchange("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\nabcde\r\n", options: options).Single().Status);
        Assert.Equal(200, Harness.Exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", options: options).Single().Status);
    }

    [Fact]
    public void A_slow_request_head_gets_408_after_the_head_timeout()
    {
        var (responses, elapsed) = Harness.OnLoop(async () =>
        {
            var loop = EventLoop.Current;
            long start = loop.NowNanoseconds;
            var output = await Harness.ExchangeAsync("GET / HTTP/1.1\r\nHost:"u8.ToArray(), new EchoHandler(), endInput: false);
            return (ResponseChecker.Parse(output), TimeSpan.FromTicks((loop.NowNanoseconds - start) / 100));
        });
        Assert.Equal(408, Assert.Single(responses).Status);
        Assert.Equal(TimeSpan.FromSeconds(10), elapsed);
    }

    [Fact]
    public void An_idle_connection_closes_silently_after_the_keep_alive_timeout()
    {
        var (output, elapsed) = Harness.OnLoop(async () =>
        {
            var loop = EventLoop.Current;
            var options = new HttpServerOptions { KeepAliveTimeout = TimeSpan.FromSeconds(3) };
            var output = await Harness.ExchangeAsync("GET / HTTP/1.1\r\nHost: a\r\n\r\n"u8.ToArray(), new EchoHandler(), options, endInput: false);
            return (output, TimeSpan.FromTicks(loop.NowNanoseconds / 100));
        });
        Assert.Equal(200, Assert.Single(ResponseChecker.Parse(output)).Status);
        Assert.Equal(TimeSpan.FromSeconds(3), elapsed);
    }

    [Fact]
    public void Shutdown_closes_an_idle_connection()
    {
        var responses = Harness.OnLoop(async () =>
        {
            var pair = new PipePair();
            using var shutdown = new CancellationTokenSource();
            var run = new HttpConnection(pair.Server, new EchoHandler()).RunAsync(shutdown.Token);
            await pair.SendAsync("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            await EventLoop.Current.Delay(TimeSpan.FromSeconds(1));
            shutdown.Cancel();
            await run;
            return ResponseChecker.Parse(await pair.ReadAllAsync());
        });
        Assert.Single(responses);
    }

    [Fact]
    public void A_handler_exception_before_the_response_is_a_500_and_closes()
    {
        var responses = Harness.Exchange("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", new ThrowingHandler());
        Assert.Equal(500, Assert.Single(responses).Status);
    }

    private sealed class ThrowingHandler : IHttpHandler
    {
        public ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("handler bug");
    }
}
