using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>One entry of a <see cref="MergeableLog{T}"/>: a caller-supplied timestamp and a value.</summary>
/// <param name="Timestamp">When the entry was written (the caller's clock; no clock is read here).</param>
/// <param name="Value">The entry's value.</param>
public readonly record struct LogEntry<T>(long Timestamp, T Value) : IComparable<LogEntry<T>>
{
    /// <summary>Orders by timestamp, then by value (<see cref="Comparer{T}.Default"/> (ordinal for strings)): the log's canonical order.</summary>
    public int CompareTo(LogEntry<T> other)
    {
        int c = Timestamp.CompareTo(other.Timestamp);
        return c != 0 ? c : ElementOrder<T>.Comparer.Compare(Value, other.Value);
    }
}
