using System.Text;
using Islet.Http.Parsing;

namespace Islet.Http.Tests;

/// <summary>Handlers that read request bodies themselves (<see cref="IHttpBodyHandler"/>) and answer with chunked responses.</summary>
public class HttpBodyHandlerTests
{
    /// <summary>Reads up to <see cref="ReadLimit"/> body bytes and answers them back, chunked, in pieces of 3 bytes; records body failures.</summary>
    private sealed class EchoBodyHandler : IHttpBodyHandler
    {
        public int ReadLimit { get; init; } = int.MaxValue;
        public List<HttpParseError> Failures { get; } = [];

        public async ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
        {
            var body = new MemoryStream();
            var buffer = new byte[7];
            try
            {
                while (body.Length < ReadLimit)
                {
                    int read = await request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, ReadLimit - body.Length)), cancellationToken);
                    if (read == 0) break;
                    body.Write(buffer, 0, read);
                }
            }
            catch (HttpBodyException e)
            {
                Failures.Add(e.Error);
                response.StartHead(e.StatusCode);
                response.EndHead(0);
                return;
            }
            response.StartHead(200);
            response.EndHeadChunked();
            byte[] bytes = body.ToArray();
            for (int i = 0; i < bytes.Length; i += 3)
                await response.WriteBodyAsync(bytes.AsMemory(i, Math.Min(3, bytes.Length - i)), cancellationToken);
            response.EndBody();
        }
    }

    [Fact]
    public void A_content_length_body_is_streamed_to_the_handler_and_the_next_request_parses()
    {
        var handler = new EchoBodyHandler();
        var responses = Harness.Exchange("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello worldPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok", handler);
        Assert.Equal(["hello world", "ok"], responses.Select(r => r.BodyText));
        Assert.All(responses, r => Assert.Equal("chunked", r.Header("Transfer-Encoding")));
        Assert.Empty(handler.Failures);
    }

    [Fact]
    public void A_chunked_body_is_decoded_and_what_the_handler_leaves_is_drained()
    {
        var handler = new EchoBodyHandler { ReadLimit = 4 };
        var responses = Harness.Exchange("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n", handler);
        Assert.Equal(["hell", ""], responses.Select(r => r.BodyText));
        Assert.Empty(handler.Failures);
    }

    [Fact]
    public void A_chunked_body_over_the_limit_fails_the_read_with_413_and_closes()
    {
        var handler = new EchoBodyHandler();
        var responses = Harness.Exchange("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n0123456789abcdef0123456789abcdef\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n",
            handler, new HttpServerOptions { MaxRequestBodySize = 16 });
        Assert.Equal([413], responses.Select(r => r.Status));
        Assert.Equal([HttpParseError.PayloadTooLarge], handler.Failures);
    }

    [Theory]
    [InlineData("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\nshort")]
    [InlineData("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort")]
    [InlineData("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    public void A_truncated_or_malformed_body_fails_the_read_with_400(string request)
    {
        var handler = new EchoBodyHandler();
        var responses = Harness.Exchange(request, handler);
        Assert.Equal([400], responses.Select(r => r.Status));
        Assert.Single(handler.Failures);
    }

    [Fact]
    public void A_chunked_response_to_http10_is_unframed_and_closes()
    {
        var output = Harness.OnLoop(async () => Encoding.Latin1.GetString(await Harness.ExchangeAsync(
            Encoding.Latin1.GetBytes("POST /a HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello"), new EchoBodyHandler())));
        Assert.DoesNotContain("Transfer-Encoding", output);
        Assert.Contains("Connection: close\r\n", output);
        Assert.EndsWith("\r\n\r\nhello", output);
    }

    [Fact]
    public void Plain_handlers_still_get_the_body_discarded_and_an_empty_body_stream()
    {
        var responses = Harness.Exchange("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(["POST /a", "GET /b"], responses.Select(r => r.BodyText));
    }
}
