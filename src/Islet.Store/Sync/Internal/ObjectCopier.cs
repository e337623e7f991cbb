using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Sync.Internal;

/// <summary>Copies the objects reachable from some tips from one store into another in the same process.</summary>
internal static class ObjectCopier
{
    /// <summary>From this many objects on, they travel as one pack (one atomic import) rather than one write each.</summary>
    private const int PackThreshold = 64;

    /// <summary>
    /// Copies everything reachable from <paramref name="tips"/> in <paramref name="from"/> that
    /// <paramref name="to"/> lacks, not descending below an object <paramref name="to"/> already has
    /// (a store's reachable history is whole). The walk completes before the first write, so a
    /// missing object leaves <paramref name="to"/> unchanged; 64 objects or more go as one pack import
    /// (built in memory), fewer as loose writes. Returns the number of objects copied.
    /// </summary>
    /// <exception cref="GitProtocolException">An object is missing from <paramref name="from"/> (BadPack).</exception>
    public static int Copy(IObjectStore from, IObjectStore to, IEnumerable<GitObjectId> tips)
    {
        if (from.Algorithm != to.Algorithm)
            throw new GitProtocolException(GitProtocolError.Unsupported, "The two stores use different hash algorithms.");
        var order = new List<GitObjectId>();
        var seen = new HashSet<GitObjectId>();
        var stack = new Stack<GitObjectId>(tips);
        while (stack.TryPop(out GitObjectId id))
        {
            if (!seen.Add(id) || to.Contains(id))
                continue;
            if (!from.TryRead(id, out GitObjectType type, out byte[] content))
                throw new GitProtocolException(GitProtocolError.BadPack, $"Object {id} is missing from the source store.");
            order.Add(id);
            switch (type)
            {
                case GitObjectType.Commit:
                    GitCommit commit = GitCommit.Parse(content, from.Algorithm);
                    stack.Push(commit.Tree);
                    foreach (GitObjectId parent in commit.Parents)
                        stack.Push(parent);
                    break;
                case GitObjectType.Tree:
                    foreach (GitTreeEntry entry in GitTree.Parse(content, from.Algorithm).Entries)
                    {
                        if (entry.Mode != GitTreeEntry.Gitlink)
                            stack.Push(entry.Id);
                    }
                    break;
                case GitObjectType.Tag:
                    stack.Push(GitTag.Parse(content, from.Algorithm).Target);
                    break;
            }
        }
        if (order.Count == 0)
            return 0;
        if (order.Count >= PackThreshold && TryCopyAsPack(from, to, order))
            return order.Count;
        // Referenced objects first, so no object in the target ever names one it lacks.
        for (int i = order.Count - 1; i >= 0; i--)
        {
            from.TryRead(order[i], out GitObjectType type, out byte[] content);
            to.Write(type, content);
        }
        return order.Count;
    }

    /// <summary>
    /// Builds a pack of <paramref name="ids"/> in memory and imports it through
    /// <see cref="PackIngester"/>: all of them become visible at once. False when the target
    /// takes no pack imports (the caller then writes them one by one).
    /// </summary>
    private static bool TryCopyAsPack(IObjectStore from, IObjectStore to, List<GitObjectId> ids)
    {
        var writer = new PackWriter(from.Algorithm);
        foreach (GitObjectId id in ids)
        {
            from.TryRead(id, out GitObjectType type, out byte[] content);
            writer.Add(type, content);
        }
        byte[] pack = writer.Encode().Pack;
        try
        {
            using var source = new MemoryStream(pack, writable: false);
            PackIngester.IngestAsync(source, to).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
