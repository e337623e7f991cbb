using System.Text;
using Islet.Http;
using Islet.Store;
using Islet.Store.Backends.BlockDevice;
using HttpMethod = Islet.Http.HttpMethod;

namespace Islet.Examples.GitStore;

/// <summary>
/// The key-value API over branch <see cref="Branch"/> of a byte-valued store, for paths under
/// <c>/kv/</c> (percent-encoded, <c>/</c> between segments):
/// <c>GET /kv/PATH</c> answers 200 with the value (application/octet-stream), or for a directory
/// its entries one per line (a trailing <c>/</c> marks a directory), else 404;
/// <c>PUT /kv/PATH</c> stores the body as the value in one commit and answers 200 with the commit id;
/// <c>DELETE /kv/PATH</c> removes it in one commit (200 with the commit id, or 404 when absent).
/// </summary>
/// <remarks>
/// Errors: 400 for a path that is not a store path, 405 for another method, 409 when the store
/// refuses the change (<see cref="StoreException"/>), 507 when the block device is full (nothing
/// changed), and the body's own status (400, 408, 413) when reading a PUT body fails. Runs on the
/// event loop; commits are synchronous and durable when answered.
/// </remarks>
internal sealed class KeyValueHandler(Store<byte[]> store, string authorName, string authorEmail)
{
    /// <summary>The branch the API reads and writes.</summary>
    public const string Branch = "main";

    /// <summary>Handles a request whose path is <c>/kv/</c> followed by <paramref name="rawPath"/>.</summary>
    public async ValueTask HandleAsync(string rawPath, HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        string text = Uri.UnescapeDataString(rawPath).TrimEnd('/');
        if (!StorePath.TryParse(text, out StorePath path))
        {
            Text(response, 400, $"'{text}' is not a store path (no empty, '.' or '..' segments).\n");
            return;
        }
        try
        {
            switch (request.Method)
            {
                case HttpMethod.Get:
                    Get(path, response);
                    return;
                case HttpMethod.Put when !path.IsRoot:
                    byte[] value = await ReadBodyAsync(request.Body, cancellationToken);
                    Text(response, 200, store.Set(Branch, path, value, Info($"Set {path}")) + "\n");
                    return;
                case HttpMethod.Delete when !path.IsRoot:
                    if (!store.Find(Branch, path).HasValue)
                    {
                        Text(response, 404, $"No value at {path}.\n");
                        return;
                    }
                    Text(response, 200, store.Remove(Branch, path, Info($"Remove {path}")) + "\n");
                    return;
                default:
                    response.StartHead(405);
                    response.AddHeader("Allow"u8, path.IsRoot ? "GET" : "GET, PUT, DELETE");
                    response.EndHead(0);
                    return;
            }
        }
        catch (HttpBodyException e)
        {
            response.CloseConnection();
            Text(response, e.StatusCode, e.Message + "\n");
        }
        catch (BlockStoreException e) when (e.Error == BlockStoreError.Full)
        {
            Text(response, 507, e.Message + "\n");
        }
        catch (StoreException e)
        {
            Text(response, 409, e.Message + "\n");
        }
    }

    /// <summary>Who commits, and why; the time is the store's clock.</summary>
    private CommitInfo Info(string message) => new(authorName, authorEmail, message + " (gitstore key-value API)");

    private void Get(StorePath path, HttpResponse response)
    {
        StoreSnapshot<byte[]> snapshot = store.Snapshot(Branch);
        if (snapshot.TryGet(path, out byte[] value))
        {
            response.StartHead(200);
            response.AddHeader("Content-Type"u8, "application/octet-stream"u8);
            response.AddHeader("Cache-Control"u8, "no-cache"u8);
            response.EndHead(value.Length);
            response.WriteBody(value);
            return;
        }
        if (path.IsRoot || snapshot.IsDirectory(path))
        {
            var listing = new StringBuilder();
            foreach (StoreEntry entry in snapshot.List(path))
                listing.Append(entry.Name).Append(entry.IsDirectory ? "/\n" : "\n");
            Text(response, 200, listing.ToString());
            return;
        }
        Text(response, 404, $"No value at {path}.\n");
    }

    /// <summary>The whole body; the HTTP server bounds its size (HttpServerOptions.MaxRequestBodySize).</summary>
    private static async ValueTask<byte[]> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static void Text(HttpResponse response, int status, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        response.StartHead(status);
        response.AddHeader("Content-Type"u8, "text/plain; charset=utf-8"u8);
        response.AddHeader("Cache-Control"u8, "no-cache"u8);
        response.EndHead(bytes.Length);
        response.WriteBody(bytes);
    }
}
