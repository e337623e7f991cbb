namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The ingester's entries, in pack order, in chunks of 1,024 (64 KiB, below the large-object
/// heap's threshold): growing never copies the table or leaves a discarded copy behind, so the
/// table costs its entries' size (64 bytes each) and no more. Not thread-safe.
/// </summary>
internal sealed class PackIngestEntryTable
{
    private const int ChunkShift = 10;
    private const int ChunkLength = 1 << ChunkShift;
    private const int ChunkMask = ChunkLength - 1;

    private readonly List<PackIngestEntry[]> _chunks = [];

    /// <summary>The number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>The entry numbered <paramref name="index"/> (0 to <see cref="Count"/> - 1), by reference.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the table.</exception>
    public ref PackIngestEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The table has {Count} entries.");
            return ref _chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    /// <summary>Appends <paramref name="entry"/> and returns its number.</summary>
    public int Add(in PackIngestEntry entry)
    {
        if ((Count & ChunkMask) == 0 && Count >> ChunkShift == _chunks.Count)
            _chunks.Add(new PackIngestEntry[ChunkLength]);
        _chunks[Count >> ChunkShift][Count & ChunkMask] = entry;
        return Count++;
    }
}
