namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// Copies a pushed pack from the request body (which can only be read asynchronously, on the event
/// loop) to a temporary file that deletes itself when closed, so the ingester may read it both ways.
/// The size is bounded by the HTTP server's body limit.
/// </summary>
internal static class PackSpool
{
    public static async ValueTask<FileStream> SpoolAsync(Stream source, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Path.GetTempPath(), $"islet-push-{Guid.NewGuid():N}.pack");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            byte[] buffer = new byte[64 * 1024];
            while (true)
            {
                int read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(true);
                if (read == 0) break;
                file.Write(buffer, 0, read);
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(true);
            throw;
        }
    }
}
