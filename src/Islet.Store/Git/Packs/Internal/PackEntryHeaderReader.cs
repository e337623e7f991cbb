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
        var bytes = new StreamBytes(input);
        return PackEntryHeaderParser.Parse(ref bytes, offset, idLength);
    }

    private readonly struct StreamBytes(InflateInput input) : IPackHeaderBytes
    {
        public byte Next() => input.ReadByte();

        public void Read(scoped Span<byte> destination) => input.ReadExactly(destination);
    }
}
