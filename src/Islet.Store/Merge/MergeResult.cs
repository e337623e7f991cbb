namespace Islet.Store.Merge;

/// <summary>The outcome of a three-way merge: either a merged value or a conflict.</summary>
public readonly struct MergeResult<T>
{
    private readonly T _value;
    private readonly MergeConflict? _conflict;

    private MergeResult(T value, MergeConflict? conflict)
    {
        _value = value;
        _conflict = conflict;
    }

    /// <summary>A successful merge.</summary>
    public static MergeResult<T> Ok(T value) => new(value, null);

    /// <summary>A failed merge. <paramref name="conflict"/> must not be null.</summary>
    public static MergeResult<T> Conflicted(MergeConflict conflict) =>
        new(default!, conflict ?? throw new ArgumentNullException(nameof(conflict)));

    /// <summary>True when the merge produced a value.</summary>
    public bool IsOk => _conflict is null;

    /// <summary>The merged value. Throws <see cref="InvalidOperationException"/> on a conflict.</summary>
    public T Value => _conflict is null ? _value : throw new InvalidOperationException($"The merge conflicted: {_conflict}");

    /// <summary>The conflict, or null when the merge succeeded.</summary>
    public MergeConflict? Conflict => _conflict;

    /// <inheritdoc />
    public override string ToString() => IsOk ? $"Ok({_value})" : $"Conflict({_conflict})";
}
