namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The header of one pack entry: a type-and-size varint (type in bits 4-6 of the first byte, the
/// size's low 4 bits below it, then 7 bits a byte, little-endian), followed for an OFS_DELTA by the
/// distance back to the base and for a REF_DELTA by the base's id.
/// </summary>
internal readonly record struct PackEntryHeader(PackEntryKind Kind, long Size, long DataOffset, long BaseOffset, GitObjectId BaseId)
{
    /// <summary>The most bytes an entry header can take (type and size varint, then an OFS distance or a 32-byte id).</summary>
    public const int MaxLength = 64;

    /// <summary>Parses the entry at <paramref name="offset"/>; <paramref name="end"/> is where the entries end (before the trailer).</summary>
    /// <exception cref="GitPackException">Truncated, unknown type, an oversized varint, a base not strictly before the entry.</exception>
    public static PackEntryHeader Read(ReadOnlySpan<byte> pack, long offset, long end, int idLength) => ReadWindow(pack, 0, offset, end, idLength);

    /// <summary>Parses the entry at <paramref name="offset"/> from the header bytes at <paramref name="source"/>'s offset.</summary>
    /// <exception cref="GitPackException">As <see cref="Read(ReadOnlySpan{byte}, long, long, int)"/>.</exception>
    public static PackEntryHeader ReadAt(PackSource source, long offset, long end, int idLength)
    {
        if (offset < 12 || offset >= end)
            PackThrow.Error(GitPackError.BadDeltaBase, $"Entry offset {offset} is outside the pack's entries (12 to {end}).");
        Span<byte> window = stackalloc byte[MaxLength];
        int read = source.ReadAt(offset, window[..(int)Math.Min(MaxLength, end - offset)]);
        return ReadWindow(window[..read], offset, offset, end, idLength);
    }

    /// <summary>Parses the entry at <paramref name="offset"/> from <paramref name="window"/>, which holds the pack's bytes from <paramref name="windowStart"/>.</summary>
    private static PackEntryHeader ReadWindow(ReadOnlySpan<byte> window, long windowStart, long offset, long end, int idLength)
    {
        if (offset < 12 || offset >= end)
            PackThrow.Error(GitPackError.BadDeltaBase, $"Entry offset {offset} is outside the pack's entries (12 to {end}).");
        long limit = Math.Min(end, windowStart + window.Length) - windowStart;
        ReadOnlySpan<byte> pack = window;
        int position = (int)(offset - windowStart);
        byte b = Next(pack, ref position, limit);
        int type = (b >> 4) & 7;
        if (type is 0 or 5)
            PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has the invalid type {type}.");
        long size = b & 0x0f;
        for (int shift = 4; (b & 0x80) != 0; shift += 7)
        {
            if (shift > 53)
                PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} has a size varint that is too long.");
            b = Next(pack, ref position, limit);
            size |= (long)(b & 0x7f) << shift;
        }
        var kind = (PackEntryKind)type;
        long baseOffset = -1;
        GitObjectId baseId = default;
        if (kind == PackEntryKind.OffsetDelta)
        {
            // Big-endian 7 bits a byte, adding one before each shift so every length has its own range.
            b = Next(pack, ref position, limit);
            long distance = b & 0x7f;
            while ((b & 0x80) != 0)
            {
                if (distance > offset)
                    break;
                b = Next(pack, ref position, limit);
                distance = ((distance + 1) << 7) | (long)(b & 0x7f);
            }
            if (distance <= 0 || distance > offset - 12 || (b & 0x80) != 0)
                PackThrow.Error(GitPackError.BadDeltaBase, $"OFS_DELTA at {offset}: the base distance does not lead to an entry strictly before it.");
            baseOffset = offset - distance;
        }
        else if (kind == PackEntryKind.ReferenceDelta)
        {
            if (limit - position < idLength)
                PackThrow.Error(GitPackError.Truncated, $"REF_DELTA at {offset} ends inside its base id.");
            baseId = GitObjectId.FromBytes(pack.Slice(position, idLength));
            position += idLength;
        }
        return new PackEntryHeader(kind, size, windowStart + position, baseOffset, baseId);
    }

    private static byte Next(ReadOnlySpan<byte> pack, ref int position, long end) =>
        position < end ? pack[position++] : PackThrow.Error<byte>(GitPackError.Truncated, "The pack ends inside an entry header.");
}
