using Islet.Store.Merge;

namespace Islet.Store;

/// <summary>
/// What a store holds at each path (Irmin's <c>Contents.S</c>): how a value becomes a blob and
/// back, and how three versions merge. Encoding is deterministic (equal values, equal bytes).
/// </summary>
public interface IContentType<T>
{
    /// <summary>The blob for <paramref name="value"/>.</summary>
    byte[] Encode(T value);

    /// <summary>The value a whole blob holds.</summary>
    /// <exception cref="MergeFormatException">The blob is not a valid encoding.</exception>
    T Decode(ReadOnlySpan<byte> blob);

    /// <summary>The three-way merge used when two branches (or two writers) changed the same path.</summary>
    IMerge<T> Merge { get; }
}
