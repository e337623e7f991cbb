using System.Diagnostics;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// Copies a pushed pack from the request body (which can only be read asynchronously, on the event
/// loop) to somewhere the ingester may read it both ways: a temporary file that deletes itself when
/// closed, or memory (<see cref="SpooledPack"/>), as <see cref="GitPushSpool"/> says. The size is
/// bounded by the HTTP server's body limit, which fails the read with <c>HttpBodyException</c>
/// (an <see cref="IOException"/>) when the body grows past it.
/// </summary>
internal static class PackSpool
{
    private const int CopyBufferSize = 64 * 1024;

    private static long s_sequence;

    /// <summary>The whole of <paramref name="source"/>, positioned at its start: a <see cref="SpooledPack"/> when it is held in memory, else the temporary file.</summary>
    /// <exception cref="IOException">Reading the body failed, or (with <see cref="GitPushSpool.TemporaryFile"/>) the file could not be created.</exception>
    public static async ValueTask<Stream> SpoolAsync(Stream source, GitPushSpool mode, CancellationToken cancellationToken)
    {
        Stream? file = mode == GitPushSpool.Memory ? null : TryCreateFile(mustSucceed: mode == GitPushSpool.TemporaryFile);
        if (file is null)
        {
            var memory = new SpooledPack();
            await memory.FillAsync(source, cancellationToken).ConfigureAwait(true);
            return memory;
        }
        try
        {
            byte[] buffer = new byte[CopyBufferSize];
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

    /// <summary>A self-deleting temporary file; null when it cannot be created and <paramref name="mustSucceed"/> is false.</summary>
    private static FileStream? TryCreateFile(bool mustSucceed)
    {
        try
        {
            // Not Guid.NewGuid: in a sealed image it throws CryptographicException (the runtime finds no
            // random source it can use), which would fail the push instead of choosing memory.
            // CreateNew refuses a name that is taken.
            long sequence = Interlocked.Increment(ref s_sequence);
            string path = Path.Combine(Path.GetTempPath(), $"islet-push-{Environment.ProcessId}-{Stopwatch.GetTimestamp():x}-{sequence}.pack");
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, CopyBufferSize, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (!mustSucceed && e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // No usable temporary directory (a sealed image has no filesystem at all): memory it is.
            return null;
        }
    }
}
