using Islet.Store.Git.Internal;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Reads a pack entry header (<see cref="PackEntryHeader"/> describes the format) from an
/// <see cref="InflateInput"/>, leaving the input at the entry's zlib data.
/// </summary>
internal static class PackEntryHeaderReader
{
    /// <summary>The header of the entry at <paramref name="offset"/>; its DataOffset is unknown here and left at -1.</summary>
    /// <exception cref="GitPackException">Truncated, an invalid type, an oversized varint, or a base not strictly before the entry.</exception>
    public static PackEntryHeader Read(InflateInput input, long offset, int idLength)
    {
        byte b = input.ReadByte();
        int type = (b >> 4) & 7;
        if (type is 0 or 5)
            PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has the invalid type {type}.");
        long size = b & 0x0f;
        for (int shift = 4; (b & 0x80) != 0; shift += 7)
        {
            if (shift > 53)
                PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has a size varint that is too long.");
            b = input.ReadByte();
            size |= (long)(b & 0x7f) << shift;
        }
        var kind = (PackEntryKind)type;
        long baseOffset = -1;
        GitObjectId baseId = default;
        if (kind == PackEntryKind.OffsetDelta)
        {
            b = input.ReadByte();
            long distance = b & 0x7f;
            while ((b & 0x80) != 0)
            {
                if (distance > offset)
                    PackThrow.Error(GitPackError.BadDeltaBase, $"OFS_DELTA at {offset}: the base distance reaches before the start of the pack.");
                b = input.ReadByte();
                distance = ((distance + 1) << 7) | (long)(b & 0x7f);
            }
            if (distance <= 0 || distance > offset - 12)
                PackThrow.Error(GitPackError.BadDeltaBase, $"OFS_DELTA at {offset}: the base distance {distance} does not lead to an entry strictly before it.");
            baseOffset = offset - distance;
        }
        else if (kind == PackEntryKind.ReferenceDelta)
        {
            Span<byte> id = stackalloc byte[idLength];
            input.ReadExactly(id);
            baseId = GitObjectId.FromBytes(id);
        }
        return new PackEntryHeader(kind, size, -1, baseOffset, baseId);
    }
}
