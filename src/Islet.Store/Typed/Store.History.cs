using Islet.Store.Git;
using Islet.Store.Internal;

namespace Islet.Store;

public sealed partial class Store<T>
{
    /// <summary>The history of <paramref name="branch"/>, newest (committer time) first, at most <paramref name="limit"/> commits; empty when the branch does not exist.</summary>
    public IReadOnlyList<StoreCommit> Log(string branch, int limit = int.MaxValue) =>
        Head(branch) is GitObjectId head ? Log(head, limit) : [];

    /// <summary>The history from <paramref name="commit"/>, newest (committer time) first, each commit once, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<StoreCommit> Log(GitObjectId commit, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return CommitGraph.Log(_cache, [commit], limit).Select(c => new StoreCommit(c.Id, c.Commit)).ToArray();
    }

    /// <summary><paramref name="commit"/> and every commit reachable from it.</summary>
    public IReadOnlySet<GitObjectId> Ancestors(GitObjectId commit) => CommitGraph.Ancestors(_cache, commit);

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    public bool IsAncestor(GitObjectId ancestor, GitObjectId descendant)
    {
        _cache.ReadCommit(ancestor);
        return CommitGraph.IsAncestor(_cache, ancestor, descendant);
    }

    /// <summary>
    /// All lowest common ancestors of two commits (git merge-base --all), in id order: several on
    /// criss-cross histories, none for unrelated ones.
    /// </summary>
    public IReadOnlyList<GitObjectId> LowestCommonAncestors(GitObjectId left, GitObjectId right) =>
        CommitGraph.LowestCommonAncestors(_cache, left, right);
}
