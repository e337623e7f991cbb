using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Internal;

namespace Islet.Store;

public sealed partial class Store<T>
{
    /// <summary>Sets <paramref name="path"/> to <paramref name="value"/> on <paramref name="branch"/> in one commit (creating the branch if needed); returns the new head.</summary>
    /// <exception cref="StoreConflictException{T}">A concurrent writer changed the same value and the merge refused.</exception>
    /// <exception cref="StoreException"><see cref="StoreError.InvalidPath"/> (the root), <see cref="StoreError.TooManyRetries"/>.</exception>
    public GitObjectId Set(string branch, StorePath path, T value, CommitInfo info) => Commit(branch, t => t.Set(path, value), info);

    /// <summary>Removes the value or directory at <paramref name="path"/> on <paramref name="branch"/> in one commit; returns the head (unchanged when there was nothing to remove).</summary>
    public GitObjectId Remove(string branch, StorePath path, CommitInfo info) => Commit(branch, t => t.Remove(path), info);

    /// <summary>
    /// Applies every operation <paramref name="build"/> adds as ONE commit on <paramref name="branch"/>
    /// (created when missing), writing only the trees on changed paths. When nothing changes, no
    /// commit is made and the current head is returned. When another writer moved the branch in the
    /// meantime, the commit is merged with theirs (merge commit: their head first, ours second) and
    /// published again, at most <see cref="StoreOptions.MaxRetries"/> times.
    /// </summary>
    /// <returns>The branch's new head.</returns>
    /// <remarks>Commits are named by their content: two writers making byte-identical commits (same
    /// parent, tree, author, committer, times and message) make one object, which counts once. Writers
    /// that must be told apart put something distinct in their <see cref="CommitInfo"/>.</remarks>
    /// <exception cref="StoreConflictException{T}">The concurrent changes conflict; the branch keeps the other writer's commit.</exception>
    /// <exception cref="StoreException"><see cref="StoreError.TooManyRetries"/>, <see cref="StoreError.InvalidBranchName"/>, <see cref="StoreError.NotACommit"/>.</exception>
    public GitObjectId Commit(string branch, Action<StoreTransaction<T>> build, CommitInfo info)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Update(branch, (_, t) => build(t), info);
    }

    /// <summary>
    /// As <see cref="Commit(string, Action{StoreTransaction{T}}, CommitInfo)"/>, for read-modify-write:
    /// <paramref name="build"/> also gets the snapshot the commit is based on (the head read once, before
    /// building), so values derived from it (a counter plus one) are changes relative to that base, and
    /// a concurrent writer's changes are merged in rather than lost.
    /// </summary>
    public GitObjectId Update(string branch, Action<StoreSnapshot<T>, StoreTransaction<T>> build, CommitInfo info)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(info);
        string refName = RefNameOf(branch);
        GitObjectId? head = Backend.Refs.Resolve(refName);
        StoreSnapshot<T> snapshot = head is GitObjectId h ? Snapshot(h) : new StoreSnapshot<T>(_cache, ContentType, null, _cache.EmptyTreeId);
        var transaction = new StoreTransaction<T>(ContentType);
        build(snapshot, transaction);
        GitObjectId? commit = CommitOnto(head, transaction, info);
        if (commit is not GitObjectId ours)
            return head!.Value;
        return Publish(branch, head, ours, info);
    }

    /// <summary>A commit of <paramref name="build"/>'s changes on top of <paramref name="parent"/> (null: a root commit), on no branch.</summary>
    public GitObjectId CommitDetached(GitObjectId? parent, Action<StoreTransaction<T>> build, CommitInfo info)
    {
        ArgumentNullException.ThrowIfNull(build);
        var transaction = new StoreTransaction<T>(ContentType);
        build(transaction);
        GitObjectId? baseTree = parent is GitObjectId p ? _cache.ReadCommit(p).Tree : null;
        ObjectBatch batch = NewBatch();
        GitObjectId tree = TreeEditor.Apply(batch, baseTree, transaction.Changes);
        GitObjectId commit = batch.WriteCommit(NewCommit(tree, parent is GitObjectId q ? [q] : [], info, info.StoredMessage));
        batch.Flush();
        return commit;
    }

    /// <summary>
    /// Moves <paramref name="branch"/> to <paramref name="commit"/> (creating it when missing), by
    /// compare-and-swap against <paramref name="expectedHead"/> (null: the head read now).
    /// </summary>
    /// <exception cref="StoreException"><see cref="StoreError.BranchMoved"/> when the branch was not at the expected head; <see cref="StoreError.NotACommit"/>.</exception>
    public void Reset(string branch, GitObjectId commit, GitObjectId? expectedHead = null)
    {
        string refName = RefNameOf(branch);
        _cache.ReadCommit(commit);
        GitObjectId? expected = expectedHead ?? Backend.Refs.Resolve(refName);
        if (!Backend.Refs.TryUpdate(refName, expected, commit))
            throw new StoreException(StoreError.BranchMoved, $"Branch '{branch}' is no longer at {expected?.ToString() ?? "(absent)"}.");
        _notifier.Notify(refName);
    }

    private GitObjectId? CommitOnto(GitObjectId? head, StoreTransaction<T> transaction, CommitInfo info)
    {
        GitObjectId? baseTree = head is GitObjectId h ? _cache.ReadCommit(h).Tree : null;
        ObjectBatch batch = NewBatch();
        GitObjectId tree = TreeEditor.Apply(batch, baseTree, transaction.Changes);
        if (head is not null && tree == baseTree)
            return null;
        GitObjectId commit = batch.WriteCommit(NewCommit(tree, head is GitObjectId p ? [p] : [], info, info.StoredMessage));
        batch.Flush();
        return commit;
    }

    private GitObjectId WriteCommit(GitObjectId tree, GitObjectId[] parents, CommitInfo info, string message) =>
        _cache.WriteCommit(NewCommit(tree, parents, info, message));

    private GitCommit NewCommit(GitObjectId tree, GitObjectId[] parents, CommitInfo info, string message)
    {
        (GitSignature author, GitSignature committer) = info.Signatures(Now());
        return new GitCommit(tree, parents, author, committer, message);
    }

    /// <summary>A batch that writes many objects as a pack, except on <see cref="MemoryBackend"/>, whose objects in a dictionary are cheaper to write and to read than a pack.</summary>
    private ObjectBatch NewBatch() => new(_cache, Backend is MemoryBackend ? null : ImportPack);

    /// <summary>Stores a finished pack through the backend's pack import (<see cref="NotSupportedException"/> when it takes none).</summary>
    private void ImportPack(ReadOnlyMemory<byte> pack, byte[] index)
    {
        using IPackImport import = Backend.Objects.BeginPackImport();
        import.Data.Write(pack.Span);
        import.Commit(PackIndex.Parse(index, _cache.Algorithm));
    }

    private DateTimeOffset Now()
    {
        DateTimeOffset utc = Options.Time.GetUtcNow();
        return utc.ToOffset(Options.Time.LocalTimeZone.GetUtcOffset(utc));
    }

    /// <summary>
    /// Makes <paramref name="ours"/> (a descendant of <paramref name="expected"/>, or of nothing)
    /// the branch head, merging with whatever another writer published meanwhile. When the branch
    /// was deleted meanwhile, it is created again holding <paramref name="ours"/>.
    /// </summary>
    private GitObjectId Publish(string branch, GitObjectId? expected, GitObjectId ours, CommitInfo info)
    {
        string refName = RefNameOf(branch);
        GitObjectId candidate = ours;
        for (int attempt = 0; attempt < Options.MaxRetries; attempt++)
        {
            if (Backend.Refs.TryUpdate(refName, expected, candidate))
            {
                _notifier.Notify(refName);
                return candidate;
            }
            GitObjectId? current = Backend.Refs.Resolve(refName);
            expected = current;
            if (current is not GitObjectId theirs)
            {
                candidate = ours;
                continue;
            }
            StoreMergeResult<T> merged = MergeCommitsCore(theirs, ours, info, $"Merge concurrent write into {branch}\n");
            if (!merged.IsOk)
                throw new StoreConflictException<T>(branch, ours, merged.Conflicts);
            if (merged.Outcome == MergeOutcome.UpToDate)
                return theirs;
            candidate = merged.Commit!.Value;
        }
        throw new StoreException(StoreError.TooManyRetries, $"Branch '{branch}' kept moving: gave up after {Options.MaxRetries} attempts; the change is commit {ours}.");
    }
}
