namespace Islet.Http.Parsing;

/// <summary>
/// Receives the parts of a request head from <see cref="HttpRequestReader.ReadHead{THandler}"/>,
/// in order: the request line once, each header field once, then the end of the head.
/// </summary>
/// <remarks>
/// The spans are valid only during the call: they point into the reader's input or a scratch
/// buffer. Copy what must be kept. A handler may reject the message by returning an error,
/// which the reader reports as <see cref="HttpParseStatus.Error"/>.
/// </remarks>
public interface IHttpHeadHandler
{
    /// <summary>The request line. <paramref name="target"/> is the raw request-target (origin-, absolute- or asterisk-form), already checked for forbidden bytes.</summary>
    HttpParseError OnRequestLine(HttpMethod method, ReadOnlySpan<byte> methodName, ReadOnlySpan<byte> target, HttpVersion version);

    /// <summary>One header field: <paramref name="name"/> is a token, <paramref name="value"/> has its surrounding whitespace removed and no control bytes but HTAB.</summary>
    HttpParseError OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);

    /// <summary>The empty line that ends the head.</summary>
    HttpParseError OnHeadersComplete();
}
