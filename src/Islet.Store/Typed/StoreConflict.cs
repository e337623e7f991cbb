using Islet.Store.Merge;

namespace Islet.Store;

/// <summary>
/// One path where a three-way merge failed, with the three versions there (absent when the path
/// held no value on that side, or held a directory) and why.
/// </summary>
/// <param name="Path">The conflicting path.</param>
/// <param name="Kind">Why it conflicts.</param>
/// <param name="Base">The merge base's value.</param>
/// <param name="Ours">Our value.</param>
/// <param name="Theirs">Their value.</param>
/// <param name="ValueConflict">When <paramref name="Kind"/> is <see cref="StoreConflictKind.ValuesConflict"/>, the content merge's own conflict (with places inside the value); otherwise null.</param>
public sealed record StoreConflict<T>(StorePath Path, StoreConflictKind Kind, Optional<T> Base, Optional<T> Ours, Optional<T> Theirs, MergeConflict? ValueConflict)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Kind} (base {Base}, ours {Ours}, theirs {Theirs})";
}
