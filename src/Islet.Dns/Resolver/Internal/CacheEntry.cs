using Islet.Dns.Wire;

namespace Islet.Dns.Resolver.Internal;

/// <summary>What the cache knows about one key.</summary>
internal enum CacheEntryKind
{
    /// <summary>An RRset (or one CNAME record).</summary>
    Positive,
    /// <summary>The name exists without records of the key's type (NODATA).</summary>
    NoData,
    /// <summary>The name does not exist (NXDOMAIN); keyed with <see cref="CacheKey.NameErrorType"/>.</summary>
    NameError,
}

/// <summary>A cache key: owner name (case-insensitive), type and class.</summary>
internal readonly record struct CacheKey(DnsName Name, DnsType Type, DnsClass Class)
{
    /// <summary>The type under which NXDOMAIN is stored: 0, which no RRset uses (RFC 6895 §3.1).</summary>
    internal const DnsType NameErrorType = 0;
}

/// <summary>One cached fact with its absolute expiry, on the cache's recency list.</summary>
internal sealed class CacheEntry(CacheKey key, CacheEntryKind kind, DnsRecord[] records, long expiresAt)
{
    internal CacheKey Key { get; } = key;
    internal CacheEntryKind Kind { get; } = kind;
    /// <summary>The records as received (TTLs are rewritten on the way out); empty when negative.</summary>
    internal DnsRecord[] Records { get; } = records;
    /// <summary>Monotonic nanoseconds after which the entry is dead.</summary>
    internal long ExpiresAt { get; } = expiresAt;
    internal LinkedListNode<CacheEntry>? Node { get; set; }
}
