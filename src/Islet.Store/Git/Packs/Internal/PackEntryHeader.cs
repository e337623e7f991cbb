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
        var bytes = new WindowBytes(window[..(int)limit], (int)(offset - windowStart));
        PackEntryHeader header = PackEntryHeaderParser.Parse(ref bytes, offset, idLength);
        return header with { DataOffset = windowStart + bytes.Position };
    }

    /// <summary>The header's bytes from a window of the pack, stopping at the entries' end.</summary>
    private ref struct WindowBytes(ReadOnlySpan<byte> window, int position) : IPackHeaderBytes
    {
        private readonly ReadOnlySpan<byte> _window = window;

        public int Position { get; private set; } = position;

        public byte Next() =>
            Position < _window.Length ? _window[Position++] : PackThrow.Error<byte>(GitPackError.Truncated, "The pack ends inside an entry header.");

        public void Read(scoped Span<byte> destination)
        {
            if (_window.Length - Position < destination.Length)
                PackThrow.Error(GitPackError.Truncated, "The pack ends inside an entry header's base id.");
            _window.Slice(Position, destination.Length).CopyTo(destination);
            Position += destination.Length;
        }
    }
}
