using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;

namespace Islet.Store.Git.Gc;

/// <summary>
/// Repacks a <c>.git</c> directory (as <c>git gc --prune=GRACE</c>): everything reachable from the
/// refs and <c>HEAD</c> goes into one new pack, then loose objects now packed, old packs, and
/// unreachable objects older than <see cref="GitGcOptions.GracePeriod"/> are removed.
/// </summary>
/// <remarks>
/// <para>Safe while readers run: the new pack and then its index are written (fsynced, renamed)
/// before anything is removed, and old packs lose their index before their pack file, so at every
/// moment each reachable object is in a loose file, an old pack or the new pack. A
/// <see cref="GitObjectDatabase"/> that misses refreshes its pack list and retries once, and packs
/// it already opened stay readable after their files are removed (they are read into memory or
/// held open).</para>
/// <para>Concurrent writers: objects younger than the grace period are kept whether reachable or
/// not, and <see cref="GitObjectDatabase.Write(GitObjectType, ReadOnlySpan{byte})"/> refreshes the
/// time of the loose object or pack where it finds an object already stored; pack times are read
/// just before each old pack is removed. One collector runs at a time (an flock on
/// <c>islet-gc-lock</c>; a second one fails with <see cref="IOException"/>). As with git, a writer that reuses an old unreachable
/// object at the very moment the collector decides to drop it can still lose it; a grace period
/// longer than any writer's operation keeps that window closed in practice.</para>
/// <para>Roots: refs under <c>refs/</c>, <c>HEAD</c>, and every id in a reflog (reflogs are not
/// expired here; <c>git reflog expire</c> does that). Not handled: <c>.keep</c> packs, alternates,
/// and refs outside <c>refs/</c> other than <c>HEAD</c>.</para>
/// </remarks>
public static class GitGarbageCollector
{
    /// <summary>Collects garbage in the repository at <paramref name="gitDirectory"/>.</summary>
    /// <exception cref="GitFormatException">A reachable object is missing or malformed (nothing is removed then).</exception>
    /// <exception cref="GitPackException">A pack is damaged (nothing is removed then).</exception>
    /// <exception cref="IOException">A file cannot be written or removed.</exception>
    public static GitGcResult Collect(string gitDirectory, GitGcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gitDirectory);
        options ??= new GitGcOptions();
        using FileStream collectorLock = LockCollector(gitDirectory);
        GitHashAlgorithm algorithm = options.Algorithm;
        DateTime cutoff = DateTime.UtcNow - options.GracePeriod;
        string packDirectory = Path.Combine(gitDirectory, "objects", "pack");
        var database = new GitObjectDatabase(gitDirectory, algorithm);
        var loose = new LooseObjectStore(gitDirectory, algorithm);
        string[] oldIndexes = Directory.Exists(packDirectory) ? Directory.GetFiles(packDirectory, "*.idx") : [];
        var oldPacks = oldIndexes.Select(i => (Index: i, Pack: PackFile.Open(Path.ChangeExtension(i, ".pack"), i, algorithm))).ToList();
        HashSet<GitObjectId> reachable = ReachableObjects(gitDirectory, database, algorithm);

        var writer = new PackWriter(algorithm);
        foreach (GitObjectId id in reachable)
        {
            if (!database.TryRead(id, out GitObjectType type, out byte[] content))
                throw new GitFormatException($"Object {id} is reachable but missing; nothing was collected.");
            writer.Add(type, content);
        }
        int keptUnreachable = 0;
        WrittenPack? written = writer.Count > 0 ? writer.WriteTo(packDirectory) : null;
        PackIndex? newIndex = written is null ? null : PackIndex.Open(written.IndexPath, algorithm);

        int removedLoose = 0;
        foreach (GitObjectId id in loose.EnumerateIds().ToList())
        {
            string path = loose.PathOf(id);
            bool packed = newIndex?.Contains(id) ?? false;
            if (packed || (!reachable.Contains(id) && File.GetLastWriteTimeUtc(path) <= cutoff))
            {
                if (TryDelete(path))
                    removedLoose++;
            }
            else if (!reachable.Contains(id))
            {
                keptUnreachable++;
            }
        }
        int removedPacks = 0;
        foreach ((string index, PackFile pack) in oldPacks)
        {
            if (written is not null && Path.GetFullPath(index) == Path.GetFullPath(written.IndexPath))
                continue;
            // Recent unreachable objects of a pack about to go are loosened with the pack's time
            // (git's behaviour without cruft packs), so they expire on their own clock instead of
            // being renewed by every repack. The time is read now, after any freshening by a writer.
            DateTime packTime = File.GetLastWriteTimeUtc(Path.ChangeExtension(index, ".pack"));
            if (packTime > cutoff)
                keptUnreachable += Loosen(pack, reachable, loose, packTime);
            TryDelete(index);
            TryDelete(Path.ChangeExtension(index, ".pack"));
            TryDelete(Path.ChangeExtension(index, ".rev"));
            removedPacks++;
        }
        RemoveStaleTemporaryFiles(Path.Combine(gitDirectory, "objects"), cutoff);
        return new GitGcResult(written?.Name, written?.ObjectCount ?? 0, removedLoose, removedPacks, keptUnreachable);
    }

    /// <summary>Every object reachable from the refs under <c>refs/</c>, <c>HEAD</c> and the reflogs (commits, their trees and parents, tag targets; gitlinks are not followed).</summary>
    /// <exception cref="GitFormatException">A reachable object is missing or malformed.</exception>
    public static HashSet<GitObjectId> ReachableObjects(string gitDirectory, GitObjectDatabase database, GitHashAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(database);
        var refs = new RefStore(gitDirectory, algorithm);
        var pending = new List<GitObjectId>();
        foreach (GitRef r in refs.List("refs/"))
        {
            GitObjectId? target = r.Value.IsSymbolic ? refs.Resolve(r.Name) : r.Value.Id;
            if (target is GitObjectId id)
                pending.Add(id);
        }
        if (refs.Resolve("HEAD") is GitObjectId head)
            pending.Add(head);
        foreach (GitObjectId logged in ReflogIds(gitDirectory, algorithm))
        {
            if (database.Contains(logged))
                pending.Add(logged);
        }
        return Internal.GitReachability.Walk(pending, database.TryReadObject,
            id => new GitFormatException($"Object {id} is reachable but missing; nothing was collected."));
    }

    /// <summary>Every id a reflog under <c>logs/</c> names (old and new of each <c>OLD NEW IDENT\tMESSAGE</c> line), as git gc keeps them.</summary>
    private static IEnumerable<GitObjectId> ReflogIds(string gitDirectory, GitHashAlgorithm algorithm)
    {
        string logs = Path.Combine(gitDirectory, "logs");
        if (!Directory.Exists(logs))
            yield break;
        int hexLength = GitObjectId.LengthOf(algorithm) * 2;
        foreach (string file in Directory.EnumerateFiles(logs, "*", SearchOption.AllDirectories))
        {
            foreach (string line in File.ReadLines(file))
            {
                if (line.Length < 2 * hexLength + 2)
                    continue;
                foreach (string hex in new[] { line[..hexLength], line.Substring(hexLength + 1, hexLength) })
                {
                    if (GitObjectId.TryParse(hex, out GitObjectId id) && id.Bytes.Length == hexLength / 2 && id.Bytes.IndexOfAnyExcept((byte)0) >= 0)
                        yield return id;
                }
            }
        }
    }

    private static int Loosen(PackFile pack, HashSet<GitObjectId> reachable, LooseObjectStore loose, DateTime time)
    {
        int count = 0;
        foreach (GitObjectId id in pack.Ids)
        {
            if (reachable.Contains(id) || loose.Contains(id) || !pack.TryRead(id, out GitObjectType type, out byte[] content))
                continue;
            loose.Write(type, content);
            File.SetLastWriteTimeUtc(loose.PathOf(id), time);
            count++;
        }
        return count;
    }

    /// <summary>One collector at a time per repository: an flock on <c>islet-gc-lock</c> (never removed, so the lock always names one file).</summary>
    private static FileStream LockCollector(string gitDirectory)
    {
        try
        {
            return new FileStream(Path.Combine(gitDirectory, "islet-gc-lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException("Another garbage collection is running on this repository.", e);
        }
    }

    private static void RemoveStaleTemporaryFiles(string objects, DateTime cutoff)
    {
        if (!Directory.Exists(objects))
            return;
        foreach (string file in Directory.EnumerateFiles(objects, "tmp_*", SearchOption.AllDirectories).ToList())
        {
            if (File.GetLastWriteTimeUtc(file) <= cutoff)
                TryDelete(file);
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
                return false;
            File.Delete(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
