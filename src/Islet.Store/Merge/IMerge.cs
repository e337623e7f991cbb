namespace Islet.Store.Merge;

/// <summary>
/// A three-way merge function for values of type <typeparamref name="T"/> (Irmin's
/// <c>Irmin.Merge.t</c>). Implementations are pure: no clock, no I/O, the same inputs always give
/// the same result.
/// </summary>
public interface IMerge<T>
{
    /// <summary>
    /// Merges <paramref name="ours"/> and <paramref name="theirs"/>, both descended from
    /// <paramref name="ancestor"/> (absent when both sides created the value independently).
    /// Returns the merged value, or a <see cref="MergeConflict"/> describing what could not be
    /// merged. Never throws for well-formed values.
    /// </summary>
    MergeResult<T> Merge(Optional<T> ancestor, T ours, T theirs);
}
