namespace Islet.Store.Git.Refs.Internal;

/// <summary>
/// Removes a <c>NAME.lock</c> left by a dead writer. The rule (see <see cref="RefStore.StaleLockAge"/>):
/// under an exclusive flock on <c>GITDIR/islet-lock-recovery</c>, open the lock file with an
/// exclusive flock; when that succeeds (no live Islet writer holds it) and the file is at least
/// <c>staleAge</c> old (no live git writer is in its few milliseconds), delete it while still
/// holding its flock. Only recoverers delete other writers' locks, and they take turns, so the file
/// deleted is the one checked.
/// </summary>
internal static class StaleLockRecovery
{
    public const string GuardName = "islet-lock-recovery";

    /// <summary>True when <paramref name="lockPath"/> was stale and is now gone.</summary>
    public static bool TryRemove(string lockPath, TimeSpan staleAge, string gitDirectory)
    {
        // Age first, without opening: a live holder's lock is young, and an flock taken on it just as
        // the holder renames it into place would land on the ref file itself, where .NET readers'
        // shared flocks would then fail.
        if (!IsOld(lockPath, staleAge))
            return false;
        FileStream guard;
        try
        {
            guard = new FileStream(Path.Combine(gitDirectory, GuardName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // another writer is recovering (or the directory is read-only): retry later
        }
        using (guard)
        {
            FileStream held;
            try
            {
                held = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false; // held by a live writer, or already gone
            }
            using (held)
            {
                if (!IsOld(lockPath, staleAge))
                    return false;
                File.Delete(lockPath);
                return true;
            }
        }
    }

    private static bool IsOld(string path, TimeSpan staleAge)
    {
        DateTime written = File.GetLastWriteTimeUtc(path);
        // A missing file reports 1601-01-01: not a lock to remove.
        return written.Year > 1601 && DateTime.UtcNow - written >= staleAge;
    }
}
