using Islet.Store.Git;
using Islet.Store.Internal;

namespace Islet.Store;

public sealed partial class Store<T>
{
    /// <summary>New objects <see cref="CommitMany"/> stages before it writes them out as a pack (besides a bound on the pack's bytes): each keeps its id and its parsed tree, if it is one, in memory until then.</summary>
    private const int ImportFlushObjects = 100_000;

    /// <summary>
    /// Bulk import (as <c>git fast-import</c>): makes one commit per item of <paramref name="commits"/>,
    /// each on top of the previous, and moves <paramref name="branch"/> once at the end (compare-and-swap,
    /// merging with a concurrent writer as <see cref="Commit(string, Action{StoreTransaction{T}}, CommitInfo)"/>
    /// does). The new objects stream into packs as they are made (trees as deltas of their previous
    /// versions), up to 100,000 objects or 32 MiB a pack, so the cost is per object, not per durable write. Items that change nothing make no commit.
    /// </summary>
    /// <returns>The branch's new head (unchanged when nothing changed; null when the branch did not exist and nothing was committed).</returns>
    /// <exception cref="StoreConflictException{T}">A concurrent writer's changes conflict with the imported ones; the imported history is kept as <see cref="StoreConflictException{T}.UnmergedCommit"/>.</exception>
    public GitObjectId? CommitMany(string branch, IEnumerable<(CommitInfo Info, Action<StoreTransaction<T>> Build)> commits)
    {
        ArgumentNullException.ThrowIfNull(commits);
        string refName = RefNameOf(branch);
        GitObjectId? start = Backend.Refs.Resolve(refName);
        GitObjectId? head = start;
        GitObjectId? tree = head is GitObjectId h ? _cache.ReadCommit(h).Tree : null;
        ObjectBatch batch = NewBatch();
        CommitInfo? last = null;
        foreach ((CommitInfo info, Action<StoreTransaction<T>> build) in commits)
        {
            ArgumentNullException.ThrowIfNull(info);
            ArgumentNullException.ThrowIfNull(build);
            var transaction = new StoreTransaction<T>(ContentType);
            build(transaction);
            GitObjectId newTree = TreeEditor.Apply(batch, tree, transaction.Changes);
            if (head is not null && newTree == tree)
                continue;
            head = batch.WriteCommit(NewCommit(newTree, head is GitObjectId p ? [p] : [], info, info.StoredMessage));
            tree = newTree;
            last = info;
            if (batch.ShouldFlush || batch.PendingCount >= ImportFlushObjects)
                batch.Flush();
        }
        batch.Flush();
        if (head == start || head is not GitObjectId imported)
            return start;
        return Publish(branch, start, imported, last!);
    }
}
