namespace Islet.Store;

/// <summary>How a merge of two commits ended.</summary>
public enum MergeOutcome
{
    /// <summary>Theirs was already part of ours: nothing to do.</summary>
    UpToDate,

    /// <summary>Ours was part of theirs: the result is their commit.</summary>
    FastForward,

    /// <summary>A new merge commit with parents ours, theirs.</summary>
    Merged,

    /// <summary>Some paths conflict; see <see cref="StoreMergeResult{T}.Conflicts"/>. Nothing was written to any branch.</summary>
    Conflicted,
}
