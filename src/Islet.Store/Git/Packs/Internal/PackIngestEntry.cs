namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// What the ingester keeps about one entry between reading it and indexing it: 24 bytes, no heap
/// object. The id lives beside it in <see cref="PackIngestEntryTable"/> (20 or 32 bytes), and a
/// REF_DELTA's base id apart (see <see cref="PackDeltaResolver"/>), as few entries have one.
/// </summary>
internal struct PackIngestEntry
{
    /// <summary>Where the entry starts in the pack.</summary>
    public long Offset;

    /// <summary>The CRC-32 of the entry's raw bytes (header and compressed data), for the index.</summary>
    public uint Crc;

    /// <summary>The base's entry index: OFS_DELTA from the start, REF_DELTA once its base is resolved; -1 otherwise.</summary>
    public int BaseIndex;

    /// <summary>Deltas between this object and a whole object (0 for a whole object).</summary>
    public int Depth;

    // Declared after the wider fields, so the struct packs into 24 bytes.
    private byte _kind;
    private byte _type;

    /// <summary>Whether the id is known (set by <see cref="PackIngestEntryTable.SetId"/>).</summary>
    public bool IsResolved;

    /// <summary>The entry's kind in the pack.</summary>
    public PackEntryKind Kind
    {
        readonly get => (PackEntryKind)_kind;
        set => _kind = (byte)value;
    }

    /// <summary>The object's type: known at once for whole objects, from the chain's root for deltas.</summary>
    public GitObjectType Type
    {
        readonly get => (GitObjectType)_type;
        set => _type = (byte)value;
    }

    /// <summary>Whether this entry is an OFS_DELTA or REF_DELTA.</summary>
    public readonly bool IsDelta => Kind is PackEntryKind.OffsetDelta or PackEntryKind.ReferenceDelta;
}
