using Islet.Http;
using Islet.Store.Sync.Server;

namespace Islet.Examples.GitStore;

/// <summary>
/// The one handler on port 80: paths under <c>/kv/</c> go to the <see cref="KeyValueHandler"/>,
/// everything else to the <see cref="GitHttpHandler"/> (which answers 404 outside its repositories).
/// It reads request bodies itself (<see cref="IHttpBodyHandler"/>), as both need them.
/// </summary>
internal sealed class StoreHttpHandler(KeyValueHandler keyValue, GitHttpHandler git) : IHttpBodyHandler
{
    private const string KeyValuePrefix = "/kv/";

    /// <inheritdoc/>
    public ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        ReadOnlySpan<byte> path = request.Path;
        if (path.StartsWith("/kv/"u8))
            return keyValue.HandleAsync(System.Text.Encoding.UTF8.GetString(path[KeyValuePrefix.Length..]), request, response, cancellationToken);
        return git.HandleAsync(request, response, cancellationToken);
    }
}
