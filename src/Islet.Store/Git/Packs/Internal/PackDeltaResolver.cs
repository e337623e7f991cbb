using System.Runtime.InteropServices;
using Islet.Store.Backends;
using Islet.Store.Git.Internal;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The ingester's second pass: gives every delta entry its type and id by reading the stored pack
/// back (seek and inflate) and applying deltas, whole objects first and then their descendants,
/// depth first, as <c>git index-pack</c> does. REF_DELTA bases that are neither in the pack nor
/// reachable from it are looked up in the store (thin packs) and appended to the pack.
/// </summary>
/// <remarks>
/// Memory: the entry table, OFS_DELTA children as two arrays (8 bytes an entry), REF_DELTA children
/// by base id, and a cache of resolved bases bounded in bytes; a base that fell out of the cache is
/// rebuilt from the stored pack. Only objects that may be bases are cached, and an OFS_DELTA base
/// leaves the cache once its last child is resolved (children are visited depth first, so that is
/// the child pushed first), as git index-pack frees a base after its children. A REF_DELTA cycle
/// never reaches a whole object, so it ends as a base found nowhere.
/// </remarks>
internal sealed class PackDeltaResolver : IDisposable
{
    private readonly Stream _data;
    private readonly PackIngestEntryTable _entries;
    private readonly List<(int Index, GitObjectId BaseId)> _referenceBases;
    private readonly PackIngestOptions _options;
    private readonly GitHashAlgorithm _algorithm;
    private readonly int _idLength;
    private readonly PackDataInput _input;
    private readonly ZlibInflater _inflater;
    private readonly PackBaseCache _cache;
    private int[] _firstOffsetChild = [];
    private int[] _nextOffsetSibling = [];
    private readonly Dictionary<GitObjectId, List<int>> _referenceChildren = [];
    private readonly Stack<int> _pending = new();
    private readonly List<int> _chain = [];
    private byte[] _deltaScratch = [];

    /// <summary>A resolver over <paramref name="entries"/>; <paramref name="referenceBases"/> names every REF_DELTA entry's base, in entry order.</summary>
    public PackDeltaResolver(Stream data, PackIngestEntryTable entries, List<(int Index, GitObjectId BaseId)> referenceBases, long entriesEnd, PackIngestOptions options, GitHashAlgorithm algorithm, ZlibInflater inflater)
    {
        _data = data;
        _entries = entries;
        _referenceBases = referenceBases;
        _options = options;
        _algorithm = algorithm;
        _idLength = GitObjectId.LengthOf(algorithm);
        _inflater = inflater;
        _input = new PackDataInput(data, long.MaxValue);
        _cache = new PackBaseCache(maxEntries: 1 << 16, maxBytes: Math.Max(options.DeltaCacheBytes, 4));
        AppendOffset = entriesEnd;
    }

    /// <summary>Returns the read buffer to the pool.</summary>
    public void Dispose() => _input.Dispose();

    /// <summary>Where the next appended thin base goes; after <see cref="Resolve"/>, where the entries end.</summary>
    public long AppendOffset { get; private set; }

    /// <summary>How many thin bases were appended.</summary>
    public int Appended { get; private set; }

    /// <summary>Resolves every delta, appending thin bases from <paramref name="store"/> when allowed.</summary>
    /// <exception cref="GitPackException">A base is missing or forms a cycle, a chain is too deep, or a delta is malformed.</exception>
    public void Resolve(IObjectStore store, CancellationToken cancellationToken)
    {
        int count = _entries.Count;
        // OFS_DELTA children as linked lists in two arrays (8 bytes an entry); REF_DELTA children by base id.
        _firstOffsetChild = new int[count];
        _nextOffsetSibling = new int[count];
        Array.Fill(_firstOffsetChild, -1);
        for (int i = count - 1; i >= 0; i--)
        {
            PackIngestEntry entry = _entries[i];
            if (entry.Kind == PackEntryKind.OffsetDelta)
            {
                _nextOffsetSibling[i] = _firstOffsetChild[entry.BaseIndex];
                _firstOffsetChild[entry.BaseIndex] = i;
            }
        }
        foreach ((int index, GitObjectId baseId) in _referenceBases)
            ChildrenOf(_referenceChildren, baseId).Add(index);
        for (int i = 0; i < count; i++)
        {
            if (!_entries[i].IsDelta)
                Visit(i, cancellationToken);
        }
        while (_referenceChildren.Count > 0)
        {
            (GitObjectId baseId, List<int> children) = _referenceChildren.First();
            long at = _entries[children[0]].Offset;
            if (!_options.AllowThin)
            {
                string where = store.Contains(baseId) ? "is only in the store, and thin packs are not allowed" : "is in neither the pack nor the store (missing, or the deltas form a cycle)";
                PackThrow.Error(GitPackError.BadDeltaBase, $"REF_DELTA at {at}: base {baseId} {where}.");
            }
            if (!store.TryRead(baseId, out GitObjectType type, out byte[] content))
                PackThrow.Error(GitPackError.BadDeltaBase, $"REF_DELTA at {at}: base {baseId} is in neither the pack nor the store (missing, or the deltas form a cycle).");
            Visit(AppendBase(baseId, type, content), cancellationToken);
        }
        for (int i = 0; i < count; i++)
        {
            if (!_entries[i].IsResolved)
                PackThrow.Error(GitPackError.BadDeltaBase, $"The delta at {_entries[i].Offset} has a base that never resolves.");
        }
        // The children lists are done with: the index is built next, without them (8 bytes an entry fewer at the peak).
        _firstOffsetChild = [];
        _nextOffsetSibling = [];
    }

    private static List<int> ChildrenOf(Dictionary<GitObjectId, List<int>> map, GitObjectId key)
    {
        ref List<int>? list = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out _);
        return list ??= [];
    }

    private void Visit(int root, CancellationToken cancellationToken)
    {
        _pending.Push(root);
        while (_pending.TryPop(out int index))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ref PackIngestEntry entry = ref _entries[index];
            if (entry.IsDelta)
            {
                PackIngestEntry parent = _entries[entry.BaseIndex];
                entry.Type = parent.Type;
                entry.Depth = parent.Depth + 1;
                if (entry.Depth > _options.MaxDeltaDepth)
                    PackThrow.Error(GitPackError.LimitExceeded, $"The delta at {entry.Offset} is {entry.Depth} deep; the limit is {_options.MaxDeltaDepth}.");
                _entries.SetId(index, GitObjectId.Compute(entry.Type, ContentOf(index), _algorithm));
                // The child pushed first is popped last: its base is then needed by no pending entry.
                if (entry.Kind == PackEntryKind.OffsetDelta && _firstOffsetChild[entry.BaseIndex] == index)
                    _cache.Remove(parent.Offset);
            }
            // Appended thin bases come after the table and have no OFS_DELTA children.
            for (int child = index < _firstOffsetChild.Length ? _firstOffsetChild[index] : -1; child >= 0; child = _nextOffsetSibling[child])
                _pending.Push(child);
            if (_referenceChildren.Count > 0 && _referenceChildren.Remove(_entries.IdOf(index), out List<int>? children))
            {
                foreach (int child in children)
                {
                    _entries[child].BaseIndex = index;
                    _pending.Push(child);
                }
            }
        }
    }

    /// <summary>The contents of entry <paramref name="index"/>, whose base chain is resolved: from the cache, or rebuilt from the stored pack.</summary>
    private byte[] ContentOf(int index)
    {
        List<int> chain = _chain;
        chain.Clear();
        int current = index;
        byte[] content;
        while (true)
        {
            PackIngestEntry entry = _entries[current];
            if (_cache.TryGet(entry.Offset, out var cached))
            {
                content = cached.Content;
                break;
            }
            if (!entry.IsDelta)
            {
                content = Inflate(entry.Offset);
                _cache.Add(entry.Offset, entry.Type, content);
                break;
            }
            chain.Add(current);
            current = entry.BaseIndex;
        }
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            PackIngestEntry entry = _entries[chain[i]];
            int length = InflateInto(entry.Offset, ref _deltaScratch, exact: false);
            ReadOnlySpan<byte> delta = _deltaScratch.AsSpan(0, length);
            // A copy instruction (at most 8 bytes) yields at most 64 KiB, so no honest delta builds more than this.
            long honest = Math.Min(_options.MaxObjectSize, delta.Length * 0x10000L);
            content = PackDelta.Apply(content, delta, honest);
            // A leaf is hashed and never read again; only a possible base is worth keeping.
            if (i > 0 || MayBeBase(chain[i]))
                _cache.Add(entry.Offset, entry.Type, content);
        }
        return content;
    }

    /// <summary>Whether entry <paramref name="index"/> may still be a base: it has OFS_DELTA children, or some REF_DELTA is still waiting for its base.</summary>
    private bool MayBeBase(int index) =>
        (index < _firstOffsetChild.Length && _firstOffsetChild[index] >= 0) || _referenceChildren.Count > 0;

    private byte[] Inflate(long offset)
    {
        byte[] result = [];
        InflateInto(offset, ref result, exact: true);
        return result;
    }

    /// <summary>
    /// Inflates the entry at <paramref name="offset"/> into <paramref name="buffer"/> and returns its size;
    /// <paramref name="exact"/>: a fresh array of exactly that size (the first pass checked the size is honest).
    /// </summary>
    private int InflateInto(long offset, ref byte[] buffer, bool exact)
    {
        _input.Seek(offset);
        PackEntryHeader header = PackEntryHeaderReader.Read(_input, offset, _idLength);
        if (header.Size > _options.MaxObjectSize || header.Size > Array.MaxLength)
            PackThrow.Error(GitPackError.LimitExceeded, $"Entry at {offset} declares {header.Size} bytes, above the limit.");
        if (exact)
            buffer = new byte[header.Size];
        else if (buffer.Length < header.Size)
            buffer = new byte[Math.Max(header.Size, Math.Min(buffer.Length * 2L, Array.MaxLength))];
        _inflater.Inflate(_input, (int)header.Size, ref buffer);
        return (int)header.Size;
    }

    /// <summary>Appends <paramref name="content"/> as a whole-object entry after the last entry, and records it.</summary>
    private int AppendBase(GitObjectId id, GitObjectType type, byte[] content)
    {
        var entry = new MemoryStream();
        PackEntryEncoder.WriteWhole(entry, type, content, System.IO.Compression.CompressionLevel.Optimal);
        ReadOnlySpan<byte> bytes = entry.GetBuffer().AsSpan(0, (int)entry.Length);
        _data.Position = AppendOffset;
        _data.Write(bytes);
        _data.SetLength(AppendOffset + bytes.Length);
        _input.Seek(-1);
        int added = _entries.Add(new PackIngestEntry
        {
            Offset = AppendOffset, Crc = PackCrc32.Compute(bytes), Kind = (PackEntryKind)type, Type = type, BaseIndex = -1,
        });
        _entries.SetId(added, id);
        AppendOffset += bytes.Length;
        Appended++;
        return added;
    }
}
