namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The ingester's entries, in pack order, with their ids: the entries in chunks of 1,024 (24 KiB)
/// and the ids as raw bytes in chunks of 1,024 ids, all below the large-object heap's threshold.
/// Growing never copies the table or leaves a discarded copy behind, so an entry costs 24 bytes
/// plus its id's 20 (SHA-1) or 32 (SHA-256). Not thread-safe.
/// </summary>
internal sealed class PackIngestEntryTable(int idLength)
{
    private const int ChunkShift = 10;
    private const int ChunkLength = 1 << ChunkShift;
    private const int ChunkMask = ChunkLength - 1;

    private readonly List<PackIngestEntry[]> _chunks = [];
    private readonly List<byte[]> _idChunks = [];

    /// <summary>The number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>The entry numbered <paramref name="index"/> (0 to <see cref="Count"/> - 1), by reference.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the table.</exception>
    public ref PackIngestEntry this[int index]
    {
        get
        {
            CheckIndex(index);
            return ref _chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    /// <summary>Appends <paramref name="entry"/> and returns its number; its id is set apart (<see cref="SetId"/>).</summary>
    public int Add(in PackIngestEntry entry)
    {
        if ((Count & ChunkMask) == 0 && Count >> ChunkShift == _chunks.Count)
        {
            _chunks.Add(new PackIngestEntry[ChunkLength]);
            _idChunks.Add(new byte[ChunkLength * idLength]);
        }
        _chunks[Count >> ChunkShift][Count & ChunkMask] = entry;
        return Count++;
    }

    /// <summary>The id of entry <paramref name="index"/>'s object; meaningful once the entry <see cref="PackIngestEntry.IsResolved"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the table.</exception>
    public GitObjectId IdOf(int index) => GitObjectId.FromBytes(IdBytes(index));

    /// <summary>The bytes of entry <paramref name="index"/>'s id (zeros until it is set), valid while the table lives.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the table.</exception>
    public ReadOnlySpan<byte> IdBytes(int index)
    {
        CheckIndex(index);
        return _idChunks[index >> ChunkShift].AsSpan((index & ChunkMask) * idLength, idLength);
    }

    /// <summary>Records the id of entry <paramref name="index"/> (of the table's id length) and marks the entry resolved.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the table.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not of the table's id length.</exception>
    public void SetId(int index, in GitObjectId id)
    {
        CheckIndex(index);
        if (id.Bytes.Length != idLength)
            throw new ArgumentException($"The id is {id.Bytes.Length} bytes; this table's ids are {idLength}.", nameof(id));
        id.Bytes.CopyTo(_idChunks[index >> ChunkShift].AsSpan((index & ChunkMask) * idLength, idLength));
        this[index].IsResolved = true;
    }

    /// <summary>Drops every entry and its memory; the table is empty afterwards.</summary>
    public void Clear()
    {
        _chunks.Clear();
        _idChunks.Clear();
        Count = 0;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The table has {Count} entries.");
    }
}
