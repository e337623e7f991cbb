namespace Islet.Http;

/// <summary>
/// A handler that reads request bodies itself: the connection does not discard the body before
/// calling it, and <see cref="HttpRequest.Body"/> streams the body's bytes (Content-Length or
/// chunked framing removed; content codings such as gzip are left to the handler).
/// </summary>
/// <remarks>
/// The opt-in is this interface alone; every other <see cref="IHttpHandler"/> keeps the old
/// behaviour. Bodies stay bounded by <see cref="HttpServerOptions.MaxRequestBodySize"/> (a larger
/// Content-Length is answered with 413 before the handler runs; a chunked body that grows past it
/// fails the read with <see cref="HttpBodyException"/>). Whatever the handler leaves unread is read
/// and discarded after its task completes, so the connection can carry the next request; a body
/// that failed (truncated, malformed framing, too large, stalled past
/// <see cref="HttpServerOptions.KeepAliveTimeout"/>) closes the connection after the response.
/// </remarks>
public interface IHttpBodyHandler : IHttpHandler
{
}
