namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The header of one pack entry: a type-and-size varint (type in bits 4-6 of the first byte, the
/// size's low 4 bits below it, then 7 bits a byte, little-endian), followed for an OFS_DELTA by the
/// distance back to the base and for a REF_DELTA by the base's id.
/// </summary>
internal readonly record struct PackEntryHeader(PackEntryKind Kind, long Size, long DataOffset, long BaseOffset, GitObjectId BaseId)
{
    /// <summary>Parses the entry at <paramref name="offset"/>; <paramref name="end"/> is where the entries end (before the trailer).</summary>
    /// <exception cref="GitPackException">Truncated, unknown type, an oversized varint, a base not strictly before the entry.</exception>
    public static PackEntryHeader Read(ReadOnlySpan<byte> pack, long offset, long end, int idLength)
    {
        if (offset < 12 || offset >= end)
            PackThrow.Error(GitPackError.BadDeltaBase, $"Entry offset {offset} is outside the pack's entries (12 to {end}).");
        int position = (int)offset;
        byte b = Next(pack, ref position, end);
        int type = (b >> 4) & 7;
        if (type is 0 or 5)
            PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has the invalid type {type}.");
        long size = b & 0x0f;
        for (int shift = 4; (b & 0x80) != 0; shift += 7)
        {
            if (shift > 53)
                PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has a size varint that is too long.");
            b = Next(pack, ref position, end);
            size |= (long)(b & 0x7f) << shift;
        }
        var kind = (PackEntryKind)type;
        long baseOffset = -1;
        GitObjectId baseId = default;
        if (kind == PackEntryKind.OffsetDelta)
        {
            // Big-endian 7 bits a byte, adding one before each shift so every length has its own range.
            b = Next(pack, ref position, end);
            long distance = b & 0x7f;
            while ((b & 0x80) != 0)
            {
                if (distance > offset)
                    break;
                b = Next(pack, ref position, end);
                distance = ((distance + 1) << 7) | (long)(b & 0x7f);
            }
            if (distance <= 0 || distance > offset - 12 || (b & 0x80) != 0)
                PackThrow.Error(GitPackError.BadDeltaBase, $"OFS_DELTA at {offset}: the base distance does not lead to an entry strictly before it.");
            baseOffset = offset - distance;
        }
        else if (kind == PackEntryKind.ReferenceDelta)
        {
            if (end - position < idLength)
                PackThrow.Error(GitPackError.Truncated, $"REF_DELTA at {offset} ends inside its base id.");
            baseId = GitObjectId.FromBytes(pack.Slice(position, idLength));
            position += idLength;
        }
        return new PackEntryHeader(kind, size, position, baseOffset, baseId);
    }

    private static byte Next(ReadOnlySpan<byte> pack, ref int position, long end) =>
        position < end ? pack[position++] : PackThrow.Error<byte>(GitPackError.Truncated, "The pack ends inside an entry header.");
}
