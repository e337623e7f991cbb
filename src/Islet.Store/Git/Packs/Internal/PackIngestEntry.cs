using System.Runtime.InteropServices;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// What the ingester keeps about one entry between reading it and indexing it: 64 bytes with the
/// id inline, and no heap object. A REF_DELTA's base id is kept apart (see
/// <see cref="PackDeltaResolver"/>), as few entries have one.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct PackIngestEntry
{
    /// <summary>Where the entry starts in the pack.</summary>
    public long Offset;

    /// <summary>The CRC-32 of the entry's raw bytes (header and compressed data), for the index.</summary>
    public uint Crc;

    /// <summary>The entry's kind in the pack.</summary>
    public PackEntryKind Kind;

    /// <summary>The object's type: known at once for whole objects, from the chain's root for deltas.</summary>
    public GitObjectType Type;

    /// <summary>The base's entry index: OFS_DELTA from the start, REF_DELTA once its base is resolved; -1 otherwise.</summary>
    public int BaseIndex;

    /// <summary>The object's id, once known (default until then).</summary>
    public GitObjectId Id;

    /// <summary>Deltas between this object and a whole object (0 for a whole object).</summary>
    public int Depth;

    /// <summary>Whether this entry is an OFS_DELTA or REF_DELTA.</summary>
    public readonly bool IsDelta => Kind is PackEntryKind.OffsetDelta or PackEntryKind.ReferenceDelta;

    /// <summary>Whether the id is known.</summary>
    public readonly bool IsResolved => !Id.Bytes.IsEmpty;
}
