using Islet.Http.Parsing;

namespace Islet.Http;

/// <summary>
/// Reading a request body failed: the peer closed early, the chunked framing was malformed, the
/// body exceeded <see cref="HttpServerOptions.MaxRequestBodySize"/>, or it stalled past the
/// keep-alive timeout. The connection closes after the current response.
/// </summary>
public sealed class HttpBodyException : IOException
{
    /// <summary>An exception for <paramref name="error"/>.</summary>
    public HttpBodyException(HttpParseError error, string message) : base(message) => Error = error;

    /// <summary>What went wrong, as the parser's error.</summary>
    public HttpParseError Error { get; }

    /// <summary>The status that answers it (400, 408 or 413).</summary>
    public int StatusCode => Error.ToStatusCode();
}
