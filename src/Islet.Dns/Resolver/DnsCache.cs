using Islet.Dns.Resolver.Internal;
using Islet.Dns.Wire;

namespace Islet.Dns.Resolver;

/// <summary>
/// A sans-IO DNS answer cache for a stub resolver. Time is a parameter: monotonic nanoseconds, as
/// <c>EventLoop.NowNanoseconds</c> gives, never read from a clock here.
/// </summary>
/// <remarks>
/// <para>Positive entries are RRsets per (name, type, class), kept for the smallest TTL in the set
/// (RFC 2181 §5.2), capped at <see cref="MaxTtl"/>; a TTL with the top bit set counts as 0 (RFC 2181
/// §8) and a TTL of 0 is not cached. CNAME records are cached per link, so a later lookup of another
/// type at an alias follows the chain (at most 8 links).</para>
/// <para>Negative entries follow RFC 2308: NXDOMAIN per name (for every type), NODATA per name and
/// type, each only when the response carried an SOA for a zone containing the name, for
/// min(SOA TTL, SOA MINIMUM) (§5) capped at <see cref="MaxNegativeTtl"/>.</para>
/// <para>The cache holds at most <see cref="Capacity"/> entries; storing into a full cache evicts the
/// least recently used (looked up or stored) entry. Expired entries are dropped when met.</para>
/// <para>Use from one thread (the event loop's).</para>
/// </remarks>
public sealed class DnsCache
{
    private readonly Dictionary<CacheKey, CacheEntry> _entries = [];
    private readonly LinkedList<CacheEntry> _recency = new(); // most recent first

    /// <summary>Creates an empty cache.</summary>
    /// <param name="capacity">The most entries held; at least 1.</param>
    /// <param name="maxTtl">The cap on positive TTLs; 1 day when null.</param>
    /// <param name="maxNegativeTtl">The cap on negative TTLs; 3 hours when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive.</exception>
    public DnsCache(int capacity = 10_000, TimeSpan? maxTtl = null, TimeSpan? maxNegativeTtl = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        MaxTtl = maxTtl ?? TimeSpan.FromDays(1);
        MaxNegativeTtl = maxNegativeTtl ?? TimeSpan.FromHours(3);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxTtl, TimeSpan.Zero, nameof(maxTtl));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxNegativeTtl, TimeSpan.Zero, nameof(maxNegativeTtl));
    }

    /// <summary>The most entries held.</summary>
    public int Capacity { get; }

    /// <summary>The cap on how long a positive answer is kept.</summary>
    public TimeSpan MaxTtl { get; }

    /// <summary>The cap on how long a negative answer is kept.</summary>
    public TimeSpan MaxNegativeTtl { get; }

    /// <summary>The entries held, expired ones not yet dropped included.</summary>
    public int Count => _entries.Count;

    /// <summary>The entries held, for tests and diagnostics.</summary>
    internal IEnumerable<CacheEntry> Entries => _entries.Values;

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        _entries.Clear();
        _recency.Clear();
    }

    /// <summary>
    /// Answers <paramref name="question"/> from the cache at time <paramref name="nowNanoseconds"/>:
    /// the RRset, or NODATA or NXDOMAIN, possibly at the end of a cached CNAME chain, with every TTL
    /// lowered to the whole seconds that remain. Returns null when some link is missing or expired.
    /// </summary>
    public DnsQueryResult? Lookup(DnsQuestion question, long nowNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(question);
        var answers = new List<DnsRecord>();
        DnsName current = question.Name;
        for (int links = 0; links <= ResponseInterpretation.MaxChain; links++)
        {
            if (Find(new CacheKey(current, CacheKey.NameErrorType, question.Class), nowNanoseconds) is not null)
                return new DnsQueryResult(question, DnsResponseCode.NameError, answers, current, fromCache: true);
            if (question.Type != DnsType.ANY && Find(new CacheKey(current, question.Type, question.Class), nowNanoseconds) is { } entry)
            {
                if (entry.Kind == CacheEntryKind.Positive)
                    AddWithRemainingTtl(answers, entry, nowNanoseconds);
                return new DnsQueryResult(question, DnsResponseCode.NoError, answers, current, fromCache: true);
            }
            if (question.Type == DnsType.CNAME
                || Find(new CacheKey(current, DnsType.CNAME, question.Class), nowNanoseconds) is not { Kind: CacheEntryKind.Positive } alias)
                return null;
            AddWithRemainingTtl(answers, alias, nowNanoseconds);
            current = ((CNameRecordData)alias.Records[0].Data).Target;
        }
        return null;
    }

    /// <summary>
    /// Stores what <paramref name="response"/> says about <paramref name="question"/>, received at
    /// <paramref name="nowNanoseconds"/>. The caller must have checked that the response is one to
    /// this question (id, QR, echoed question). Only NOERROR and NXDOMAIN responses are stored, and of
    /// those only the answer records on the CNAME chain from the asked name; other records are ignored.
    /// Responses with TC set must not be given (their sections may be incomplete).
    /// </summary>
    public void Store(DnsQuestion question, DnsMessage response, long nowNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Header.IsTruncated)
            return;
        Store(question, ResponseInterpretation.Interpret(question, response), nowNanoseconds);
    }

    internal void Store(DnsQuestion question, ResponseInterpretation answer, long nowNanoseconds)
    {
        if (answer.Rcode is not (DnsResponseCode.NoError or DnsResponseCode.NameError) || question.Type == DnsType.ANY)
            return;
        foreach (DnsRecord[] rrset in answer.RRsets)
        {
            uint ttl = rrset.Min(r => r.Ttl > int.MaxValue ? 0 : r.Ttl);
            var key = new CacheKey(rrset[0].Name, rrset[0].Type, question.Class);
            Put(key, CacheEntryKind.Positive, rrset, nowNanoseconds, ttl, MaxTtl);
            Remove(key with { Type = CacheKey.NameErrorType }); // the name exists after all
        }
        if (answer.HasData || !answer.Complete || answer.Soa is not { Data: SoaRecordData soa } soaRecord)
            return;
        uint negativeTtl = Math.Min(soaRecord.Ttl > int.MaxValue ? 0 : soaRecord.Ttl, soa.Minimum);
        if (answer.Rcode == DnsResponseCode.NameError)
            Put(new CacheKey(answer.CanonicalName, CacheKey.NameErrorType, question.Class), CacheEntryKind.NameError, [], nowNanoseconds, negativeTtl, MaxNegativeTtl);
        else
            Put(new CacheKey(answer.CanonicalName, question.Type, question.Class), CacheEntryKind.NoData, [], nowNanoseconds, negativeTtl, MaxNegativeTtl);
    }

    private void Put(CacheKey key, CacheEntryKind kind, DnsRecord[] records, long now, uint ttlSeconds, TimeSpan cap)
    {
        long lifetime = Math.Min(ttlSeconds * 1_000_000_000L, cap.Ticks * 100);
        if (lifetime <= 0)
            return;
        Remove(key);
        while (_entries.Count >= Capacity && _recency.Last is { } oldest)
            Remove(oldest.Value.Key);
        var entry = new CacheEntry(key, kind, records, now + lifetime);
        entry.Node = _recency.AddFirst(entry);
        _entries.Add(key, entry);
    }

    private CacheEntry? Find(CacheKey key, long now)
    {
        if (!_entries.TryGetValue(key, out CacheEntry? entry))
            return null;
        if (now >= entry.ExpiresAt)
        {
            Remove(key);
            return null;
        }
        _recency.Remove(entry.Node!);
        _recency.AddFirst(entry.Node!);
        return entry;
    }

    private void Remove(CacheKey key)
    {
        if (_entries.Remove(key, out CacheEntry? entry))
            _recency.Remove(entry.Node!);
    }

    private static void AddWithRemainingTtl(List<DnsRecord> answers, CacheEntry entry, long now)
    {
        uint remaining = (uint)((entry.ExpiresAt - now) / 1_000_000_000L);
        foreach (DnsRecord record in entry.Records)
            answers.Add(record with { Ttl = remaining });
    }
}
