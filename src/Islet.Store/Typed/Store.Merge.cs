using Islet.Store.Git;
using Islet.Store.Internal;

namespace Islet.Store;

public sealed partial class Store<T>
{
    private const int MaxVirtualBaseDepth = 16;

    /// <summary>
    /// Merges <paramref name="theirs"/> into <paramref name="ours"/> without moving any branch:
    /// up to date, a fast-forward, a new merge commit (parents ours, theirs; on no branch), or the
    /// conflicting paths. The base is the lowest common ancestor; with several (criss-cross), they
    /// are first merged into a virtual base tree.
    /// </summary>
    public StoreMergeResult<T> MergeCommits(GitObjectId ours, GitObjectId theirs, CommitInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return MergeCommitsCore(ours, theirs, info, info.StoredMessage);
    }

    /// <summary>Merges the head of <paramref name="from"/> into <paramref name="into"/>; see <see cref="MergeInto"/>.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.NotFound"/> when <paramref name="from"/> does not exist.</exception>
    public StoreMergeResult<T> MergeBranch(string into, string from, CommitInfo info) => MergeInto(into, RequireHead(from), info);

    /// <summary>
    /// Merges <paramref name="theirs"/> into <paramref name="branch"/> and moves the branch (by
    /// compare-and-swap, re-merging when it moved meanwhile): fast-forward when possible, else a
    /// merge commit with the branch's head first. On conflict nothing moves and every conflicting
    /// path is returned.
    /// </summary>
    /// <exception cref="StoreException"><see cref="StoreError.TooManyRetries"/>.</exception>
    public StoreMergeResult<T> MergeInto(string branch, GitObjectId theirs, CommitInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string refName = RefNameOf(branch);
        _cache.ReadCommit(theirs);
        for (int attempt = 0; attempt < Options.MaxRetries; attempt++)
        {
            GitObjectId? head = Backend.Refs.Resolve(refName);
            StoreMergeResult<T> result = head is GitObjectId ours
                ? MergeCommitsCore(ours, theirs, info, info.StoredMessage)
                : new StoreMergeResult<T>(MergeOutcome.FastForward, theirs, []);
            if (result.Outcome is MergeOutcome.Conflicted or MergeOutcome.UpToDate)
                return result;
            if (Backend.Refs.TryUpdate(refName, head, result.Commit!.Value))
            {
                _notifier.Notify(refName);
                return result;
            }
        }
        throw new StoreException(StoreError.TooManyRetries, $"Branch '{branch}' kept moving during a merge.");
    }

    /// <summary>
    /// A new commit on <paramref name="branch"/> undoing <paramref name="commit"/>'s changes (against
    /// its first parent), by three-way merge with the branch head (base: the commit; theirs: its
    /// parent). Later changes to the same paths make structured conflicts and nothing moves.
    /// <see cref="MergeOutcome.UpToDate"/> when there was nothing to undo, else <see cref="MergeOutcome.Merged"/>.
    /// </summary>
    public StoreMergeResult<T> Revert(string branch, GitObjectId commit, CommitInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string refName = RefNameOf(branch);
        GitCommit reverted = _cache.ReadCommit(commit);
        GitObjectId parentTree = reverted.Parents.Count > 0 ? _cache.ReadCommit(reverted.Parents[0]).Tree : _cache.EmptyTreeId;
        for (int attempt = 0; attempt < Options.MaxRetries; attempt++)
        {
            GitObjectId head = RequireHead(branch);
            GitObjectId headTree = _cache.ReadCommit(head).Tree;
            var merger = new TreeMerger<T>(_cache, ContentType);
            GitObjectId tree = merger.MergeRoots(reverted.Tree, headTree, parentTree);
            if (merger.Conflicts.Count > 0)
                return new StoreMergeResult<T>(MergeOutcome.Conflicted, null, merger.Conflicts);
            if (tree == headTree)
                return new StoreMergeResult<T>(MergeOutcome.UpToDate, head, []);
            GitObjectId result = WriteCommit(tree, [head], info, info.StoredMessage);
            if (Backend.Refs.TryUpdate(refName, head, result))
            {
                _notifier.Notify(refName);
                return new StoreMergeResult<T>(MergeOutcome.Merged, result, []);
            }
        }
        throw new StoreException(StoreError.TooManyRetries, $"Branch '{branch}' kept moving during a revert.");
    }

    private StoreMergeResult<T> MergeCommitsCore(GitObjectId ours, GitObjectId theirs, CommitInfo info, string message)
    {
        if (ours == theirs || CommitGraph.IsAncestor(_cache, theirs, ours))
            return new StoreMergeResult<T>(MergeOutcome.UpToDate, ours, []);
        if (CommitGraph.IsAncestor(_cache, ours, theirs))
            return new StoreMergeResult<T>(MergeOutcome.FastForward, theirs, []);
        return MergeTrees(ours, theirs, VirtualBase(CommitGraph.LowestCommonAncestors(_cache, ours, theirs), 0), info, message);
    }

    private StoreMergeResult<T> MergeTrees(GitObjectId ours, GitObjectId theirs, GitObjectId? baseTree, CommitInfo info, string message)
    {
        var merger = new TreeMerger<T>(_cache, ContentType);
        GitObjectId tree = merger.MergeRoots(baseTree, _cache.ReadCommit(ours).Tree, _cache.ReadCommit(theirs).Tree);
        if (merger.Conflicts.Count > 0)
            return new StoreMergeResult<T>(MergeOutcome.Conflicted, null, merger.Conflicts);
        return new StoreMergeResult<T>(MergeOutcome.Merged, WriteCommit(tree, [ours, theirs], info, message), []);
    }

    /// <summary>
    /// The tree to use as merge base: none without common ancestors, the ancestor's tree with one,
    /// and with several their merge (each pair based on its own lowest common ancestors,
    /// recursively, to a bounded depth). Conflicts inside the virtual base keep the earlier
    /// ancestor's version; the real merge then compares both sides with that.
    /// </summary>
    private GitObjectId? VirtualBase(IReadOnlyList<GitObjectId> ancestors, int depth)
    {
        if (ancestors.Count == 0)
            return null;
        GitObjectId tree = _cache.ReadCommit(ancestors[0]).Tree;
        for (int i = 1; i < ancestors.Count; i++)
        {
            GitObjectId? pairBase = depth < MaxVirtualBaseDepth
                ? VirtualBase(CommitGraph.LowestCommonAncestors(_cache, ancestors[0], ancestors[i]), depth + 1)
                : null;
            tree = new TreeMerger<T>(_cache, ContentType).MergeRoots(pairBase, tree, _cache.ReadCommit(ancestors[i]).Tree);
        }
        return tree;
    }
}
