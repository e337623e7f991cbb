namespace Islet.Http;

/// <summary>The application's side of an <see cref="HttpServer"/>: turns a request head into a response.</summary>
/// <remarks>
/// Called on the event loop, one request at a time per connection, in arrival order. The
/// handler must write exactly one complete response (head and the declared body) before its
/// task completes; the request and response objects are reused for the next request
/// afterwards. An exception before the response starts is answered with 500; after it
/// starts, the connection is closed. The request body, if any, has already been read and
/// discarded, unless the handler also implements <see cref="IHttpBodyHandler"/>.
/// </remarks>
public interface IHttpHandler
{
    /// <summary>Handles one request.</summary>
    ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken);
}
