using System.Buffers.Binary;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Git.Packs;

/// <summary>
/// A version 2 pack index (<c>.idx</c>, gitformat-pack "Version 2 pack-*.idx files"): the magic
/// <c>\377tOc</c>, version 2, a 256-entry fan-out of cumulative counts by first id byte, the sorted
/// ids, their CRC32s, 4-byte offsets (most significant bit set: an index into the table of 8-byte
/// offsets that follows), the pack's checksum and the index's own checksum.
/// </summary>
/// <remarks>
/// <see cref="Parse"/> checks the whole structure once (lengths, checksum, fan-out, order, large
/// offset references); afterwards no accessor throws. The index keeps the bytes it was given;
/// the caller must not change them. Immutable and safe to share between threads.
/// </remarks>
public sealed class PackIndex
{
    private const int HeaderLength = 8;
    private const int FanOutLength = 256 * 4;
    private static ReadOnlySpan<byte> Magic => [0xff, (byte)'t', (byte)'O', (byte)'c'];

    private readonly byte[] _data;
    private readonly int _idLength;
    private readonly int _idsStart;
    private readonly int _crcStart;
    private readonly int _offsetStart;
    private readonly int _largeStart;

    private PackIndex(byte[] data, GitHashAlgorithm algorithm, int count, int largeCount)
    {
        _data = data;
        Algorithm = algorithm;
        Count = count;
        _idLength = GitObjectId.LengthOf(algorithm);
        _idsStart = HeaderLength + FanOutLength;
        _crcStart = _idsStart + count * _idLength;
        _offsetStart = _crcStart + count * 4;
        _largeStart = _offsetStart + count * 4;
        LargeOffsetCount = largeCount;
    }

    /// <summary>The object format of the ids.</summary>
    public GitHashAlgorithm Algorithm { get; }

    /// <summary>The number of objects the index lists.</summary>
    public int Count { get; }

    /// <summary>The number of entries in the 8-byte offset table.</summary>
    public int LargeOffsetCount { get; }

    /// <summary>The index file's bytes, for writing it out.</summary>
    internal ReadOnlySpan<byte> Encoded => _data;

    /// <summary>The checksum of the pack this index describes (the pack's trailing hash).</summary>
    public ReadOnlySpan<byte> PackChecksum => _data.AsSpan(_largeStart + LargeOffsetCount * 8, _idLength);

    /// <summary>Reads an index file.</summary>
    /// <exception cref="GitPackException">The file is malformed or corrupt.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PackIndex Open(string path, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) =>
        Parse(File.ReadAllBytes(path), algorithm);

    /// <summary>
    /// Checks and wraps <paramref name="data"/> (which the index then owns). Verifies the trailing
    /// checksum, that the fan-out is monotonic and matches the ids' first bytes, that ids are strictly
    /// increasing, and that every large-offset reference is inside the table.
    /// </summary>
    /// <exception cref="GitPackException">Anything malformed, with the <see cref="GitPackError"/> broken.</exception>
    public static PackIndex Parse(byte[] data, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        ArgumentNullException.ThrowIfNull(data);
        int idLength = GitObjectId.LengthOf(algorithm);
        if (data.Length < HeaderLength + FanOutLength + 2 * idLength)
            PackThrow.Error(GitPackError.Truncated, $"A pack index is at least {HeaderLength + FanOutLength + 2 * idLength} bytes; this one is {data.Length}.");
        if (!data.AsSpan(0, 4).SequenceEqual(Magic))
            PackThrow.Error(GitPackError.BadHeader, "Not a version 2 pack index (no \\377tOc magic).");
        uint version = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4));
        if (version != 2)
            PackThrow.Error(GitPackError.BadHeader, $"Pack index version {version} is not supported (only 2).");
        if (!Internal.PackChecksum.IsValid(data, algorithm))
            PackThrow.Error(GitPackError.ChecksumMismatch, "The pack index's trailing checksum does not match its contents.");

        uint previous = 0;
        for (int i = 0; i < 256; i++)
        {
            uint cumulative = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(HeaderLength + 4 * i));
            if (cumulative < previous)
                PackThrow.Error(GitPackError.BadIndex, $"Fan-out entry {i} ({cumulative}) is below the one before it ({previous}).");
            previous = cumulative;
        }
        long fixedLength = HeaderLength + FanOutLength + (long)previous * (idLength + 8) + 2 * idLength;
        if (fixedLength > data.Length)
            PackThrow.Error(GitPackError.Truncated, $"The index lists {previous} objects but is only {data.Length} bytes.");
        long rest = data.Length - fixedLength;
        if (rest % 8 != 0)
            PackThrow.Error(GitPackError.BadIndex, "The large-offset table is not a whole number of 8-byte entries.");

        var index = new PackIndex(data, algorithm, (int)previous, (int)(rest / 8));
        index.CheckEntries();
        return index;
    }

    private void CheckEntries()
    {
        int bucket = 0;
        for (int i = 0; i < Count; i++)
        {
            ReadOnlySpan<byte> id = IdBytes(i);
            while (BucketEnd(bucket) <= i)
                bucket++;
            if (id[0] != bucket)
                PackThrow.Error(GitPackError.BadIndex, $"Id {i} starts with {id[0]:x2} but the fan-out puts it under {bucket:x2}.");
            if (i > 0 && IdBytes(i - 1).SequenceCompareTo(id) >= 0)
                PackThrow.Error(GitPackError.BadIndex, $"Ids {i - 1} and {i} are not in strictly increasing order.");
            uint small = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(_offsetStart + 4 * i));
            if ((small & 0x8000_0000) != 0)
            {
                uint large = small & 0x7fff_ffff;
                if (large >= LargeOffsetCount)
                    PackThrow.Error(GitPackError.BadIndex, $"Entry {i} refers to large offset {large}, but the table has {LargeOffsetCount}.");
                if (BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(_largeStart + 8 * (int)large)) > long.MaxValue)
                    PackThrow.Error(GitPackError.BadIndex, $"Entry {i} has a large offset above 2^63.");
            }
        }
    }

    private int BucketEnd(int firstByte) => (int)BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(HeaderLength + 4 * firstByte));

    private ReadOnlySpan<byte> IdBytes(int position) => _data.AsSpan(_idsStart + position * _idLength, _idLength);

    /// <summary>The id at <paramref name="position"/> in sorted order (0 to <see cref="Count"/> - 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Position outside the index.</exception>
    public GitObjectId IdAt(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Count);
        return GitObjectId.FromBytes(IdBytes(position));
    }

    /// <summary>The pack offset of the entry at <paramref name="position"/>, through the large-offset table when its top bit is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Position outside the index.</exception>
    public long OffsetAt(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Count);
        uint small = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(_offsetStart + 4 * position));
        if ((small & 0x8000_0000) == 0)
            return small;
        return (long)BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(_largeStart + 8 * (int)(small & 0x7fff_ffff)));
    }

    /// <summary>The CRC32 the index records for the packed (compressed) entry at <paramref name="position"/>.</summary>
    public uint Crc32At(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Count);
        return BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(_crcStart + 4 * position));
    }

    /// <summary>
    /// Finds <paramref name="id"/> by binary search within its fan-out bucket. False (and -1) when
    /// absent or of the other hash's length.
    /// </summary>
    public bool TryFind(GitObjectId id, out int position)
    {
        position = -1;
        ReadOnlySpan<byte> wanted = id.Bytes;
        if (wanted.Length != _idLength)
            return false;
        int low = wanted[0] == 0 ? 0 : BucketEnd(wanted[0] - 1);
        int high = BucketEnd(wanted[0]) - 1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            int order = IdBytes(middle).SequenceCompareTo(wanted);
            if (order == 0)
            {
                position = middle;
                return true;
            }
            if (order < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return false;
    }

    /// <summary>Whether the index lists <paramref name="id"/>.</summary>
    public bool Contains(GitObjectId id) => TryFind(id, out _);

    /// <summary>Every id, in sorted order.</summary>
    public IEnumerable<GitObjectId> Ids
    {
        get
        {
            for (int i = 0; i < Count; i++)
                yield return IdAt(i);
        }
    }
}
