using System.Text;

namespace Islet.Store.Git.Refs.Internal;

/// <summary>
/// Git's lock protocol for one file: <c>PATH.lock</c> created exclusively (O_CREAT|O_EXCL), the new
/// contents written into it and fsynced, then renamed over <c>PATH</c>. Disposing without
/// <see cref="Commit"/> removes the lock and leaves <c>PATH</c> unchanged.
/// </summary>
internal sealed class RefLockFile : IDisposable
{
    private readonly string _path;
    private readonly string _lockPath;
    private FileStream? _stream;

    private RefLockFile(string path, string lockPath, FileStream stream)
    {
        _path = path;
        _lockPath = lockPath;
        _stream = stream;
    }

    /// <summary>
    /// Takes the lock for <paramref name="path"/> (the lock file is opened with <see cref="FileShare.None"/>,
    /// which is an flock on Unix, held until commit or dispose), retrying while another holder has it,
    /// up to <paramref name="timeout"/>; a stale lock (see <see cref="RefStore.StaleLockAge"/>) is removed.
    /// </summary>
    /// <exception cref="GitRefException"><see cref="GitRefError.Locked"/> when the lock file outlives the timeout.</exception>
    public static RefLockFile Acquire(string path, string displayName, TimeSpan timeout, TimeSpan staleAge, string gitDirectory)
    {
        string lockPath = path + ".lock";
        string? directory = Path.GetDirectoryName(path);
        if (directory is not null)
            Directory.CreateDirectory(directory);
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        int backoff = 1;
        while (true)
        {
            try
            {
                var stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                return new RefLockFile(path, lockPath, stream);
            }
            catch (IOException) when (StaleLockRecovery.TryRemove(lockPath, staleAge, gitDirectory))
            {
                // A dead writer's lock was removed; take it at once.
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                // Usually another holder's lock (which may be renamed away before it can be checked for); retried until the deadline.
                Thread.Sleep(Random.Shared.Next(1, backoff + 1));
                backoff = Math.Min(backoff * 2, 20);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                throw new GitRefException(GitRefError.Locked, $"Unable to lock '{displayName}': '{lockPath}' exists and is held or younger than {staleAge.TotalSeconds:0.###} s. Another git process may be running; if not, remove the stale lock file.");
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> to the lock, fsyncs it and renames it over the file.</summary>
    public void Commit(string text)
    {
        FileStream stream = _stream ?? throw new InvalidOperationException("The lock was already released.");
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _stream = null;
        File.Move(_lockPath, _path, overwrite: true);
    }

    /// <summary>Releases the lock, deleting the lock file unless it was committed.</summary>
    public void Dispose()
    {
        if (_stream is null)
            return;
        _stream.Dispose();
        _stream = null;
        File.Delete(_lockPath);
    }
}
