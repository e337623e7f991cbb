namespace Islet.Store.Merge;

/// <summary>
/// Why a merge failed: one item per conflicting place (several for a map whose keys conflict),
/// in a deterministic order (map keys ascending).
/// </summary>
public sealed class MergeConflict
{
    /// <summary>A conflict with the given items; there must be at least one.</summary>
    public MergeConflict(IReadOnlyList<MergeConflictItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("A conflict needs at least one item.", nameof(items));
        }

        Items = items;
    }

    /// <summary>A conflict at the value itself.</summary>
    public static MergeConflict At(string reason, object? ancestor, object? ours, object? theirs) =>
        new([new MergeConflictItem([], reason, ancestor, ours, theirs)]);

    /// <summary>The conflicting places; never empty.</summary>
    public IReadOnlyList<MergeConflictItem> Items { get; }

    /// <summary>This conflict with <paramref name="key"/> prepended to every item's path.</summary>
    public MergeConflict Under(string key) => new(Items.Select(i => i.Under(key)).ToArray());

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Items);
}
