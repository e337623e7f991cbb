using Islet.Store.Git;

namespace Islet.Store;

/// <summary>
/// A write could not be published because another writer changed the same paths in a way the
/// content type cannot merge. Nothing was overwritten: the branch holds the other writer's
/// commit, and this writer's commit is kept as <see cref="UnmergedCommit"/> (detached) so it can
/// be merged by hand.
/// </summary>
public sealed class StoreConflictException<T> : Exception
{
    /// <summary>A conflict on <paramref name="branch"/>.</summary>
    public StoreConflictException(string branch, GitObjectId unmergedCommit, IReadOnlyList<StoreConflict<T>> conflicts)
        : base($"A concurrent write to '{branch}' conflicts at {conflicts.Count} path(s): {string.Join("; ", conflicts.Take(5))}")
    {
        Branch = branch;
        UnmergedCommit = unmergedCommit;
        Conflicts = conflicts;
    }

    /// <summary>The branch written.</summary>
    public string Branch { get; }

    /// <summary>The commit holding this writer's change, not on any branch.</summary>
    public GitObjectId UnmergedCommit { get; }

    /// <summary>Every conflicting path, in path order.</summary>
    public IReadOnlyList<StoreConflict<T>> Conflicts { get; }
}
