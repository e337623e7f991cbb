using Islet.Store.Internal;

namespace Islet.Store;

/// <summary>
/// Many sets and removes that become one commit (<see cref="Store{T}.Commit(string, Action{StoreTransaction{T}}, CommitInfo)"/>).
/// Values are encoded when added; later operations win over earlier ones on the same path, and
/// removing a path removes everything under it. Not thread-safe.
/// </summary>
public sealed class StoreTransaction<T>
{
    private readonly IContentType<T> _type;

    internal StoreTransaction(IContentType<T> type) => _type = type;

    internal TreeChange Changes { get; } = new();

    /// <summary>How many operations were added.</summary>
    public int Count { get; private set; }

    /// <summary>Stores <paramref name="value"/> at <paramref name="path"/> (replacing a directory there).</summary>
    /// <exception cref="StoreException"><see cref="StoreError.InvalidPath"/> for the root.</exception>
    public StoreTransaction<T> Set(StorePath path, T value)
    {
        ArgumentNullException.ThrowIfNull(path);
        Changes.Set(path, _type.Encode(value));
        Count++;
        return this;
    }

    /// <summary>Removes the value or directory at <paramref name="path"/> (the root: everything). Absent paths are fine.</summary>
    public StoreTransaction<T> Remove(StorePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Changes.Set(path, null);
        Count++;
        return this;
    }
}
