namespace Islet.Store.Git.Packs.Internal;

/// <summary>Writes the parts of a pack entry header that <see cref="PackEntryHeader.Read"/> parses.</summary>
internal static class PackEntryEncoder
{
    /// <summary>The type-and-size varint: type in bits 4-6 of the first byte with the size's low 4 bits, then 7 bits a byte.</summary>
    public static void WriteTypeAndSize(Stream output, PackEntryKind kind, long size)
    {
        byte b = (byte)(((int)kind << 4) | (int)(size & 0x0f));
        size >>= 4;
        while (size != 0)
        {
            output.WriteByte((byte)(b | 0x80));
            b = (byte)(size & 0x7f);
            size >>= 7;
        }
        output.WriteByte(b);
    }

    /// <summary>
    /// An OFS_DELTA's distance back to its base: big-endian 7 bits a byte, where every byte but the
    /// last has the top bit set and the value is reduced by one before each further byte is taken.
    /// </summary>
    public static void WriteOffsetDistance(Stream output, long distance)
    {
        Span<byte> buffer = stackalloc byte[10];
        int position = buffer.Length - 1;
        buffer[position] = (byte)(distance & 0x7f);
        while ((distance >>= 7) != 0)
        {
            distance--;
            buffer[--position] = (byte)(0x80 | (distance & 0x7f));
        }
        output.Write(buffer[position..]);
    }

    /// <summary>A whole entry: the type-and-size header, then <paramref name="content"/> deflated at <paramref name="compression"/>.</summary>
    public static void WriteWhole(Stream output, GitObjectType type, ReadOnlySpan<byte> content, System.IO.Compression.CompressionLevel compression)
    {
        WriteTypeAndSize(output, (PackEntryKind)type, content.Length);
        Git.Internal.ZlibDeflater.Compress(output, content, compression);
    }

    /// <summary>An OFS_DELTA entry <paramref name="distance"/> bytes after its base: the header, the distance, then <paramref name="delta"/> deflated.</summary>
    public static void WriteOffsetDelta(Stream output, long distance, ReadOnlySpan<byte> delta, System.IO.Compression.CompressionLevel compression)
    {
        WriteTypeAndSize(output, PackEntryKind.OffsetDelta, delta.Length);
        WriteOffsetDistance(output, distance);
        Git.Internal.ZlibDeflater.Compress(output, delta, compression);
    }
}
