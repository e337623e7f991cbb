using Islet.Http.Parsing;

namespace Islet.Http.Internal;

/// <summary>Feeds a parsed head into an <see cref="HttpRequest"/> (a struct, so the reader specialises on it).</summary>
internal readonly struct HttpRequestHeadHandler(HttpRequest request) : IHttpHeadHandler
{
    public HttpParseError OnRequestLine(HttpMethod method, ReadOnlySpan<byte> methodName, ReadOnlySpan<byte> target, HttpVersion version) =>
        request.OnRequestLine(method, methodName, target, version);

    public HttpParseError OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => request.OnHeader(name, value);

    public HttpParseError OnHeadersComplete() => request.OnHeadersComplete();
}
