using Islet.Store.Git;

namespace Islet.Store.Internal;

/// <summary>Walks of the commit graph: ancestors, ancestry tests, all lowest common ancestors, and the log.</summary>
internal static class CommitGraph
{
    /// <summary><paramref name="start"/> and every commit reachable from it through parents.</summary>
    public static HashSet<GitObjectId> Ancestors(ObjectCache cache, GitObjectId start)
    {
        var seen = new HashSet<GitObjectId> { start };
        var pending = new Stack<GitObjectId>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            foreach (GitObjectId parent in cache.ReadCommit(pending.Pop()).Parents)
            {
                if (seen.Add(parent))
                    pending.Push(parent);
            }
        }
        return seen;
    }

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="descendant"/> or reachable from it.</summary>
    public static bool IsAncestor(ObjectCache cache, GitObjectId ancestor, GitObjectId descendant)
    {
        if (ancestor == descendant)
            return true;
        var seen = new HashSet<GitObjectId> { descendant };
        var pending = new Stack<GitObjectId>();
        pending.Push(descendant);
        while (pending.Count > 0)
        {
            foreach (GitObjectId parent in cache.ReadCommit(pending.Pop()).Parents)
            {
                if (parent == ancestor)
                    return true;
                if (seen.Add(parent))
                    pending.Push(parent);
            }
        }
        return false;
    }

    /// <summary>
    /// Every lowest common ancestor (git's "all merge bases"): the common ancestors that are not an
    /// ancestor of another common ancestor, in id order. Empty for unrelated histories. Common
    /// ancestors are closed under "parent of", so a common ancestor is lowest exactly when it is
    /// not the parent of another common ancestor.
    /// </summary>
    public static IReadOnlyList<GitObjectId> LowestCommonAncestors(ObjectCache cache, GitObjectId left, GitObjectId right)
    {
        HashSet<GitObjectId> common = Ancestors(cache, left);
        common.IntersectWith(Ancestors(cache, right));
        var parentsOfCommon = new HashSet<GitObjectId>();
        foreach (GitObjectId id in common)
            parentsOfCommon.UnionWith(cache.ReadCommit(id).Parents);
        return common.Where(c => !parentsOfCommon.Contains(c)).Order().ToArray();
    }

    /// <summary>Commits reachable from <paramref name="heads"/>, newest committer time first (ties by id), each once; at most <paramref name="limit"/>.</summary>
    public static IEnumerable<(GitObjectId Id, GitCommit Commit)> Log(ObjectCache cache, IEnumerable<GitObjectId> heads, int limit)
    {
        var queue = new PriorityQueue<GitObjectId, (long, GitObjectId)>(Comparer<(long Seconds, GitObjectId Id)>.Create((a, b) =>
        {
            int c = b.Seconds.CompareTo(a.Seconds);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        }));
        var seen = new HashSet<GitObjectId>();
        foreach (GitObjectId head in heads)
        {
            if (seen.Add(head))
                queue.Enqueue(head, (cache.ReadCommit(head).Committer.Seconds, head));
        }
        for (int produced = 0; produced < limit && queue.TryDequeue(out GitObjectId id, out _); produced++)
        {
            GitCommit commit = cache.ReadCommit(id);
            yield return (id, commit);
            foreach (GitObjectId parent in commit.Parents)
            {
                if (seen.Add(parent))
                    queue.Enqueue(parent, (cache.ReadCommit(parent).Committer.Seconds, parent));
            }
        }
    }
}
