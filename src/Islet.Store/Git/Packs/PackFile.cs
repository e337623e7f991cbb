using System.Buffers.Binary;
using System.IO.Compression;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Git.Packs;

/// <summary>
/// A pack file (gitformat-pack: <c>PACK</c>, version 2 or 3, the object count, entries, the pack's
/// checksum) with its <see cref="PackIndex"/>. Reads objects by id, resolving OFS_DELTA and REF_DELTA
/// chains to a type and contents, and checks every result hashes to the id asked for.
/// </summary>
/// <remarks>
/// A pack opened from a path is read through its file handle (positional reads), never loaded whole:
/// memory is the index plus a bounded cache of resolved bases, whatever the pack's size. Opening checks
/// the header, that the index lists as many objects and names this pack (the trailer equals the index's
/// pack checksum, as git checks); hashing the whole file is left to <see cref="Verify"/>. A pack given
/// as bytes (<see cref="Parse"/>) also has its trailing checksum verified at once. Reads are bounded: at most
/// <see cref="MaxDeltaChainDepth"/> deltas per chain, no loops, bases strictly before an OFS_DELTA,
/// REF_DELTA bases in this pack, sizes at most <see cref="MaxObjectSize"/>. Any malformed input gives
/// <see cref="GitPackException"/> and nothing else. Safe to share between threads (reads take a lock).
/// </remarks>
public sealed partial class PackFile : IDisposable
{
    /// <summary>The deepest delta chain a read follows before refusing the pack.</summary>
    public const int MaxDeltaChainDepth = 10_000;

    /// <summary>The default limit on any object or delta size: 1 GiB.</summary>
    public const long DefaultMaxObjectSize = 1L << 30;

    private static ReadOnlySpan<byte> Magic => "PACK"u8;

    private readonly PackSource _pack;
    private readonly long _entriesEnd;
    private readonly int _idLength;
    private readonly PackBaseCache _cache = new(maxEntries: 256, maxBytes: 32L << 20);
    private readonly Lock _lock = new();
    private long[]? _entryStarts;

    private PackFile(PackSource pack, PackIndex index, long maxObjectSize)
    {
        _pack = pack;
        Index = index;
        MaxObjectSize = maxObjectSize;
        _idLength = GitObjectId.LengthOf(index.Algorithm);
        _entriesEnd = pack.Length - _idLength;
    }

    /// <summary>The pack's index.</summary>
    public PackIndex Index { get; }

    /// <summary>The number of objects in the pack.</summary>
    public int Count => Index.Count;

    /// <summary>The largest object or delta a read will inflate or build.</summary>
    public long MaxObjectSize { get; }

    /// <summary>Every object id in the pack, in sorted order.</summary>
    public IEnumerable<GitObjectId> Ids => Index.Ids;

    /// <summary>
    /// Opens <paramref name="packPath"/> and its index (by default the same name ending <c>.idx</c>). The
    /// pack maps the file read-only (or, where it cannot be mapped, keeps a read handle on it) until
    /// <see cref="Dispose"/> (or finalization).
    /// </summary>
    /// <exception cref="GitPackException">Either file is malformed, or they do not belong together.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static PackFile Open(string packPath, string? indexPath = null, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        indexPath ??= Path.ChangeExtension(packPath, ".idx");
        PackIndex index = PackIndex.Open(indexPath, algorithm);
        PackSource source = PackMappedSource.TryOpen(packPath) ?? (PackSource)new PackFileSource(packPath);
        try
        {
            CheckHeader(source, index);
            Span<byte> trailer = stackalloc byte[32];
            trailer = trailer[..GitObjectId.LengthOf(algorithm)];
            source.ReadExactlyAt(source.Length - trailer.Length, trailer);
            if (!trailer.SequenceEqual(index.PackChecksum))
                PackThrow.Error(GitPackError.ChecksumMismatch, "The index describes a different pack (pack checksums differ).");
            return new PackFile(source, index, DefaultMaxObjectSize);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Closes the pack file (a pack parsed from bytes has nothing to close). Reads afterwards fail.</summary>
    public void Dispose() => _pack.Dispose();

    /// <summary>Checks and wraps the pack bytes <paramref name="pack"/> (which the pack then owns) with <paramref name="index"/>.</summary>
    /// <exception cref="GitPackException">Bad header or version, bad checksum, or an index for another pack.</exception>
    public static PackFile Parse(byte[] pack, PackIndex index, long maxObjectSize = DefaultMaxObjectSize)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxObjectSize);
        int idLength = GitObjectId.LengthOf(index.Algorithm);
        CheckHeader(new PackArraySource(pack), index);
        if (!PackChecksum.IsValid(pack, index.Algorithm))
            PackThrow.Error(GitPackError.ChecksumMismatch, "The pack's trailing checksum does not match its contents.");
        if (!pack.AsSpan(pack.Length - idLength).SequenceEqual(index.PackChecksum))
            PackThrow.Error(GitPackError.ChecksumMismatch, "The index describes a different pack (pack checksums differ).");
        return new PackFile(new PackArraySource(pack), index, maxObjectSize);
    }

    /// <summary>Checks the length, magic, version and object count against <paramref name="index"/>.</summary>
    private static void CheckHeader(PackSource pack, PackIndex index)
    {
        int idLength = GitObjectId.LengthOf(index.Algorithm);
        if (pack.Length < 12 + idLength)
            PackThrow.Error(GitPackError.Truncated, $"A pack is at least {12 + idLength} bytes; this one is {pack.Length}.");
        Span<byte> header = stackalloc byte[12];
        pack.ReadExactlyAt(0, header);
        if (!header[..4].SequenceEqual(Magic))
            PackThrow.Error(GitPackError.BadHeader, "Not a pack (no PACK magic).");
        uint version = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (version is not (2 or 3))
            PackThrow.Error(GitPackError.BadHeader, $"Pack version {version} is not supported (2 or 3).");
        uint count = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        if (count != index.Count)
            PackThrow.Error(GitPackError.BadIndex, $"The pack holds {count} objects but its index lists {index.Count}.");
    }

    /// <summary>Whether the pack holds <paramref name="id"/>.</summary>
    public bool Contains(GitObjectId id) => Index.Contains(id);

    /// <summary>
    /// Reads <paramref name="id"/>: false when the pack does not hold it; otherwise its type and
    /// contents (a fresh array the caller owns), checked to hash to <paramref name="id"/>.
    /// </summary>
    /// <exception cref="GitPackException">The entry or a base in its delta chain is malformed, or the result has another id.</exception>
    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content)
    {
        type = default;
        content = [];
        if (!Index.TryFind(id, out int position))
            return false;
        long offset = Index.OffsetAt(position);
        lock (_lock)
        {
            (type, content) = Resolve(offset);
        }
        if (GitObjectId.Compute(type, content, Index.Algorithm) != id)
            PackThrow.Error(GitPackError.HashMismatch, $"The entry at {offset} for {id} does not hash to that id.");
        content = content.ToArray();
        return true;
    }

    /// <summary>
    /// The zlib stream <paramref name="id"/> is stored as, when this pack holds it whole (not as a
    /// delta), for a writer that copies it into another pack as it is (git's pack reuse): no inflate,
    /// no deflate. The entry is checked against the CRC32 its index records (as git checks reused
    /// data), so corruption is not passed on; false for a delta, a mismatch, or an id not here.
    /// </summary>
    internal bool TryReadWholeEntry(GitObjectId id, out GitObjectType type, out long size, out byte[] deflated)
    {
        type = default;
        size = 0;
        deflated = [];
        if (!Index.TryFind(id, out int position))
            return false;
        long offset = Index.OffsetAt(position);
        long end;
        PackEntryHeader header;
        lock (_lock)
        {
            header = PackEntryHeader.ReadAt(_pack, offset, _entriesEnd, _idLength);
            if (header.Kind is PackEntryKind.OffsetDelta or PackEntryKind.ReferenceDelta)
                return false;
            end = EntryEnd(offset);
        }
        long length = end - header.DataOffset;
        if (length <= 0 || length > Array.MaxLength || header.Size > MaxObjectSize)
            return false;
        byte[] data = new byte[length];
        _pack.ReadExactlyAt(header.DataOffset, data);
        uint crc = PackCrc32.Update(CrcOf(offset, header.DataOffset), data);
        if (crc != Index.Crc32At(position))
            return false;
        type = (GitObjectType)header.Kind;
        size = header.Size;
        deflated = data;
        return true;
    }

    /// <summary>The kind of entry stored at the id's offset (for tests: which are deltas).</summary>
    internal PackEntryKind KindOf(GitObjectId id) =>
        Index.TryFind(id, out int position)
            ? PackEntryHeader.ReadAt(_pack, Index.OffsetAt(position), _entriesEnd, _idLength).Kind
            : throw new KeyNotFoundException(id.ToString());

    private (GitObjectType Type, byte[] Content) Resolve(long offset)
    {
        // The chain and its loop check are made only when the entry is a delta (most reads are not).
        List<(long Offset, PackEntryHeader Header)>? chain = null;
        HashSet<long>? seen = null;
        long current = offset;
        (GitObjectType Type, byte[] Content) value;
        while (true)
        {
            if (_cache.TryGet(current, out value))
                break;
            if (chain is not null)
            {
                if (!seen!.Add(current))
                    PackThrow.Error(GitPackError.BadDeltaBase, $"The delta chain from {offset} loops back to {current}.");
                if (chain.Count > MaxDeltaChainDepth)
                    PackThrow.Error(GitPackError.BadDeltaBase, $"The delta chain from {offset} is deeper than {MaxDeltaChainDepth}.");
            }
            PackEntryHeader header = PackEntryHeader.ReadAt(_pack, current, _entriesEnd, _idLength);
            if (header.Kind is PackEntryKind.OffsetDelta or PackEntryKind.ReferenceDelta)
            {
                if (chain is null)
                {
                    chain = [];
                    seen = [current];
                }
                chain.Add((current, header));
                current = header.Kind == PackEntryKind.OffsetDelta ? header.BaseOffset : OffsetOfBase(header.BaseId, current);
                continue;
            }
            value = ((GitObjectType)header.Kind, Inflate(header, current));
            _cache.Add(current, value.Type, value.Content);
            break;
        }
        for (int i = (chain?.Count ?? 0) - 1; i >= 0; i--)
        {
            byte[] delta = Inflate(chain![i].Header, chain[i].Offset);
            value = (value.Type, PackDelta.Apply(value.Content, delta, MaxObjectSize));
            _cache.Add(chain[i].Offset, value.Type, value.Content);
        }
        return value;
    }

    /// <summary>
    /// Where the entry at <paramref name="offset"/> ends: the next entry's start (git's reverse index),
    /// or the trailer. Reads of an entry's compressed data stop there, so a small object costs a small
    /// read, and data running into the next entry is reported as corrupt. Called under the lock.
    /// </summary>
    private long EntryEnd(long offset)
    {
        if (_entryStarts is null)
        {
            var starts = new long[Index.Count];
            for (int i = 0; i < starts.Length; i++)
                starts[i] = Index.OffsetAt(i);
            Array.Sort(starts);
            _entryStarts = starts;
        }
        int next = Array.BinarySearch(_entryStarts, offset + 1);
        next = next >= 0 ? next : ~next;
        return next < _entryStarts.Length ? Math.Min(_entryStarts[next], _entriesEnd) : _entriesEnd;
    }

    private long OffsetOfBase(GitObjectId baseId, long deltaOffset) =>
        Index.TryFind(baseId, out int position)
            ? Index.OffsetAt(position)
            : PackThrow.Error<long>(GitPackError.BadDeltaBase, $"REF_DELTA at {deltaOffset}: base {baseId} is not in this pack.");

    private byte[] Inflate(PackEntryHeader header, long offset)
    {
        long available = _entriesEnd - header.DataOffset;
        // Deflate expands at most about 1032:1, so a larger size cannot be honest.
        if (header.Size > MaxObjectSize || header.Size > Array.MaxLength || header.Size > available * 1032 + 64)
            PackThrow.Error(GitPackError.BadEntry, $"Entry at {offset} declares {header.Size} bytes, above the limit or what its data could hold.");
        byte[] result = new byte[header.Size];
        try
        {
            using var stream = new ZLibStream(new PackSourceStream(_pack, header.DataOffset, EntryEnd(offset)), CompressionMode.Decompress);
            stream.ReadExactly(result);
            Span<byte> extra = stackalloc byte[1];
            if (stream.Read(extra) != 0)
                PackThrow.Error(GitPackError.BadCompression, $"Entry at {offset} inflates to more than its declared {header.Size} bytes.");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new GitPackException(GitPackError.BadCompression, $"Entry at {offset}: the compressed data is invalid or shorter than {header.Size} bytes.", e);
        }
        return result;
    }
}
