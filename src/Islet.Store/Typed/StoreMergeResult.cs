using Islet.Store.Git;

namespace Islet.Store;

/// <summary>The result of merging commits or branches: a commit, or the conflicting paths.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Commit">The resulting commit (ours, theirs, or the new merge commit); null when conflicted.</param>
/// <param name="Conflicts">Every conflicting path in path order; empty unless conflicted.</param>
public sealed record StoreMergeResult<T>(MergeOutcome Outcome, GitObjectId? Commit, IReadOnlyList<StoreConflict<T>> Conflicts)
{
    /// <summary>True unless conflicted.</summary>
    public bool IsOk => Outcome != MergeOutcome.Conflicted;
}
