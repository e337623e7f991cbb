namespace Islet.Store.Merge.Internal;

/// <summary>
/// The total order the mergeable collections sort by: ordinal for strings (culture-aware
/// comparison is not consistent with equality), <see cref="Comparer{T}.Default"/> otherwise.
/// </summary>
internal static class ElementOrder<T>
{
    public static IComparer<T> Comparer { get; } =
        typeof(T) == typeof(string) ? (IComparer<T>)(object)StringComparer.Ordinal : Comparer<T>.Default;
}
