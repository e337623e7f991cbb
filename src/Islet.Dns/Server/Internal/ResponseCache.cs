using System.Buffers.Binary;

namespace Islet.Dns.Server.Internal;

/// <summary>
/// Responses already written, by the exact bytes of the query that produced them minus its id.
/// The answerer is a pure function of those bytes and the zones, so an identical query gets
/// the stored bytes with its own id, skipping parse, lookup and write. The server clears the
/// cache whenever a zone changes and stores only what a plain query produced (no TSIG, no
/// transfer, no update). Bounded by entry count and bytes; when either is reached it starts
/// over, so a flood of distinct names costs memory up to the bound and no more. Hashing uses
/// the runtime's per-process random seed, so collisions cannot be planned from outside.
/// </summary>
internal sealed class ResponseCache
{
    private readonly Dictionary<byte[], byte[]> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private long _bytes;

    public ResponseCache(int maxEntries = 4096, long maxBytes = 4 * 1024 * 1024)
    {
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Queries longer than this are never cached.</summary>
    public const int MaxQueryLength = 512;

    /// <summary>Responses longer than this are never cached.</summary>
    public const int MaxResponseLength = 4096;

    public int Count => _entries.Count;

    public long Hits { get; private set; }

    /// <summary>Copies the stored response to <paramref name="query"/> into <paramref name="response"/>
    /// with the query's id; false when there is none or it does not fit.</summary>
    public bool TryGet(ReadOnlySpan<byte> query, Span<byte> response, out int length)
    {
        length = 0;
        if (query.Length > MaxQueryLength || query.Length < 12 || !_lookup.TryGetValue(query[2..], out byte[]? stored) || stored.Length > response.Length)
            return false;
        stored.CopyTo(response);
        BinaryPrimitives.WriteUInt16BigEndian(response, BinaryPrimitives.ReadUInt16BigEndian(query));
        length = stored.Length;
        Hits++;
        return true;
    }

    /// <summary>Stores <paramref name="response"/> as the answer to <paramref name="query"/>.</summary>
    public void Add(ReadOnlySpan<byte> query, ReadOnlySpan<byte> response)
    {
        if (query.Length > MaxQueryLength || query.Length < 12 || response.Length > MaxResponseLength)
            return;
        if (_entries.Count >= _maxEntries || _bytes + query.Length + response.Length > _maxBytes)
            Clear();
        if (_lookup.TryAdd(query[2..], response.ToArray()))
            _bytes += query.Length + response.Length;
    }

    public void Clear()
    {
        _entries.Clear();
        _bytes = 0;
    }

    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
