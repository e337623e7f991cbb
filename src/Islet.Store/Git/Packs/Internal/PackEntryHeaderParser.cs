namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The one parser of pack entry headers (<see cref="PackEntryHeader"/> describes the format), over
/// bytes from a window of the pack (<see cref="PackEntryHeader.ReadAt"/>) or from an ingest's stream
/// (<see cref="PackEntryHeaderReader"/>).
/// </summary>
internal static class PackEntryHeaderParser
{
    /// <summary>The header of the entry at <paramref name="offset"/>, its DataOffset left at -1 (the caller knows where the bytes stopped).</summary>
    /// <exception cref="GitPackException">Truncated, an invalid type, an oversized varint, or a base not strictly before the entry.</exception>
    public static PackEntryHeader Parse<TBytes>(ref TBytes bytes, long offset, int idLength)
        where TBytes : IPackHeaderBytes, allows ref struct
    {
        byte b = bytes.Next();
        int type = (b >> 4) & 7;
        if (type is 0 or 5)
            PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has the invalid type {type}.");
        long size = b & 0x0f;
        for (int shift = 4; (b & 0x80) != 0; shift += 7)
        {
            if (shift > 53)
                PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has a size varint that is too long.");
            b = bytes.Next();
            size |= (long)(b & 0x7f) << shift;
        }
        var kind = (PackEntryKind)type;
        long baseOffset = -1;
        GitObjectId baseId = default;
        if (kind == PackEntryKind.OffsetDelta)
        {
            // Big-endian 7 bits a byte, adding one before each shift so every length has its own range.
            b = bytes.Next();
            long distance = b & 0x7f;
            while ((b & 0x80) != 0)
            {
                if (distance > offset)
                    PackThrow.Error(GitPackError.BadDeltaBase, $"OFS_DELTA at {offset}: the base distance reaches before the start of the pack.");
                b = bytes.Next();
                distance = ((distance + 1) << 7) | (long)(b & 0x7f);
            }
            if (distance <= 0 || distance > offset - 12)
                PackThrow.Error(GitPackError.BadDeltaBase, $"OFS_DELTA at {offset}: the base distance {distance} does not lead to an entry strictly before it.");
            baseOffset = offset - distance;
        }
        else if (kind == PackEntryKind.ReferenceDelta)
        {
            Span<byte> id = stackalloc byte[idLength];
            bytes.Read(id);
            baseId = GitObjectId.FromBytes(id);
        }
        return new PackEntryHeader(kind, size, -1, baseOffset, baseId);
    }
}
