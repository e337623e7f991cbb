namespace Islet.Store.Git.Internal;

/// <summary>The objects reachable from some roots: commits lead to their tree and parents, trees to their entries (not gitlinks), tags to their target.</summary>
internal static class GitReachability
{
    /// <summary>Walks from <paramref name="roots"/>; <paramref name="read"/> returns an object or null when it is missing, which <paramref name="missing"/> turns into an exception.</summary>
    public static HashSet<GitObjectId> Walk(IEnumerable<GitObjectId> roots, Func<GitObjectId, GitObject?> read, Func<GitObjectId, Exception> missing)
    {
        var pending = new Stack<GitObjectId>(roots);
        var seen = new HashSet<GitObjectId>();
        while (pending.Count > 0)
        {
            GitObjectId id = pending.Pop();
            if (!seen.Add(id))
                continue;
            switch (read(id) ?? throw missing(id))
            {
                case GitCommit commit:
                    pending.Push(commit.Tree);
                    foreach (GitObjectId parent in commit.Parents)
                        pending.Push(parent);
                    break;
                case GitTree tree:
                    foreach (GitTreeEntry entry in tree.Entries)
                    {
                        if (entry.Mode != GitTreeEntry.Gitlink)
                            pending.Push(entry.Id);
                    }
                    break;
                case GitTag tag:
                    pending.Push(tag.Target);
                    break;
            }
        }
        return seen;
    }
}
