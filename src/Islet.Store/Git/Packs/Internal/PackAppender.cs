using System.Buffers.Binary;
using System.IO.Compression;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// A version-2 pack built in memory one entry at a time, each deflated as it is appended (so a
/// writer holds compressed entries, not objects), finished with its count, checksum and
/// version-2 index. Entries are whole objects or OFS_DELTAs against an earlier entry. Not thread-safe.
/// </summary>
internal sealed class PackAppender
{
    private const int HeaderLength = 12;

    private readonly MemoryStream _output = new();
    private readonly List<(GitObjectId Id, long Offset, uint Crc)> _entries = [];
    private readonly CompressionLevel _compression;

    public PackAppender(GitHashAlgorithm algorithm, CompressionLevel compression)
    {
        Algorithm = algorithm;
        _compression = compression;
        _output.Write("PACK"u8);
        _output.Write([0, 0, 0, 2, 0, 0, 0, 0]); // version 2; the count is written by Finish
    }

    public GitHashAlgorithm Algorithm { get; }

    /// <summary>The entries appended.</summary>
    public int Count => _entries.Count;

    /// <summary>The bytes appended so far (header and entries).</summary>
    public long Length => _output.Length;

    /// <summary>Appends <paramref name="content"/> whole and returns its entry's offset.</summary>
    public long AppendWhole(GitObjectId id, GitObjectType type, ReadOnlySpan<byte> content)
    {
        long offset = _output.Position;
        PackEntryEncoder.WriteWhole(_output, type, content, _compression);
        End(id, offset);
        return offset;
    }

    /// <summary>Appends <paramref name="delta"/> as an OFS_DELTA against the entry at <paramref name="baseOffset"/> (appended before) and returns its entry's offset.</summary>
    public long AppendDelta(GitObjectId id, long baseOffset, ReadOnlySpan<byte> delta)
    {
        long offset = _output.Position;
        if (baseOffset < HeaderLength || baseOffset >= offset)
            throw new ArgumentOutOfRangeException(nameof(baseOffset), "A delta's base is an earlier entry of the same pack.");
        PackEntryEncoder.WriteOffsetDelta(_output, offset - baseOffset, delta, _compression);
        End(id, offset);
        return offset;
    }

    /// <summary>
    /// The pack (with its count and trailing checksum) and its index. The pack is a view of the
    /// appender's own buffer, not a copy (a bulk import's pack can be tens of megabytes); the
    /// appender is spent afterwards and must not be used again.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing was appended.</exception>
    public (ReadOnlyMemory<byte> Pack, byte[] Index) Finish()
    {
        if (_entries.Count == 0)
            throw new InvalidOperationException("A pack needs at least one object.");
        int idLength = GitObjectId.LengthOf(Algorithm);
        int length = checked((int)_output.Length);
        BinaryPrimitives.WriteUInt32BigEndian(_output.GetBuffer().AsSpan(8), (uint)_entries.Count);
        Span<byte> checksum = stackalloc byte[idLength];
        PackChecksum.Compute(_output.GetBuffer().AsSpan(0, length), Algorithm, checksum);
        _output.Write(checksum);
        _entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        byte[] index = PackIndexEncoder.Encode(_entries, checksum, Algorithm);
        return (_output.GetBuffer().AsMemory(0, length + idLength), index);
    }

    private void End(GitObjectId id, long offset)
    {
        uint crc = PackCrc32.Compute(_output.GetBuffer().AsSpan((int)offset, (int)(_output.Position - offset)));
        _entries.Add((id, offset, crc));
    }
}
