namespace Islet.Store.Merge;

/// <summary>
/// One place where a merge failed: the path to it inside the merged value (empty for the value
/// itself; map keys and pair components for nested values), why, and the three versions there
/// (null when absent).
/// </summary>
/// <param name="Path">Keys from the merged value down to the conflicting one; never null.</param>
/// <param name="Reason">A human-readable reason, e.g. "both sides changed the value".</param>
/// <param name="Ancestor">The ancestor's version, or null when absent.</param>
/// <param name="Ours">Our version, or null when absent (e.g. we removed the key).</param>
/// <param name="Theirs">Their version, or null when absent.</param>
public sealed record MergeConflictItem(IReadOnlyList<string> Path, string Reason, object? Ancestor, object? Ours, object? Theirs)
{
    /// <summary>This item, one level deeper: <paramref name="key"/> is prepended to the path.</summary>
    public MergeConflictItem Under(string key) => this with { Path = [key, .. Path] };

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Path.Count == 0 ? "/" : "/" + string.Join("/", Path))}: {Reason} (ancestor {Ancestor ?? "absent"}, ours {Ours ?? "absent"}, theirs {Theirs ?? "absent"})";
}
