using System.Buffers.Binary;
using System.Net;
using Islet.Dns.Wire;

namespace Islet.Dns.Server;

/// <summary>
/// Response rate limiting in the spirit of BIND's RRL, sans-IO: the server asks
/// <see cref="Decide(IPAddress, DnsMessage, bool, long)"/> before sending each response. Responses are grouped into buckets by client
/// prefix (/24 for IPv4 and /56 for IPv6 by default, so a spoofed flood aimed at one victim network
/// shares a bucket), by <see cref="ResponseKind"/> and by name; each bucket is a token bucket that
/// refills at the kind's rate per second, holds at most one second's worth, and may go into debt
/// for up to <see cref="ResponseRateLimiterOptions.Window"/>. A response over the limit is dropped,
/// except every <see cref="ResponseRateLimiterOptions.Slip"/>-th of the bucket's, which becomes an empty truncated
/// reply so a real client retries over TCP. TCP responses are never limited (the handshake proves
/// the address). The table holds at most <see cref="ResponseRateLimiterOptions.MaxEntries"/>
/// buckets, evicting the least recently used. Times are monotonic nanoseconds. Not thread-safe.
/// </summary>
public sealed partial class ResponseRateLimiter
{
    private const long Scale = 1_000_000_000; // balances are in nano-responses: 1 response = Scale
    private readonly ResponseRateLimiterOptions _options;
    private readonly Dictionary<Key, LinkedListNode<Bucket>> _buckets = [];
    private readonly LinkedList<Bucket> _byUse = new();
    private readonly long _windowNanoseconds;

    /// <summary>A limiter with <paramref name="options"/> (off by default when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, the slip or the window is negative, the
    /// table is smaller than 1, or a prefix length is out of range.</exception>
    public ResponseRateLimiter(ResponseRateLimiterOptions? options = null)
    {
        _options = options ?? new ResponseRateLimiterOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ResponsesPerSecond, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.NxDomainsPerSecond, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ErrorsPerSecond, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ReferralsPerSecond, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Slip, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Window, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxEntries, 1, nameof(options));
        if (_options.Ipv4PrefixLength is < 0 or > 32 || _options.Ipv6PrefixLength is < 0 or > 128)
            throw new ArgumentOutOfRangeException(nameof(options), "A prefix length is out of range.");
        _windowNanoseconds = _options.Window.Ticks * 100;
    }

    /// <summary>The options in force.</summary>
    public ResponseRateLimiterOptions Options => _options;

    /// <summary>The number of buckets tracked.</summary>
    public int Count => _buckets.Count;

    /// <summary>Responses dropped so far.</summary>
    public long Dropped { get; private set; }

    /// <summary>Responses slipped (sent empty and truncated) so far.</summary>
    public long Slipped { get; private set; }

    /// <summary>Decides whether the response of <paramref name="kind"/> for <paramref name="name"/>
    /// (see <see cref="ResponseKind"/> for which name to pass) may go to <paramref name="client"/> at
    /// <paramref name="now"/>. Always <see cref="Decision.Send"/> when limiting is off, over TCP, or
    /// when the kind's rate is 0.</summary>
    public Decision Decide(IPAddress client, ResponseKind kind, DnsName? name, bool overTcp, long now)
    {
        ArgumentNullException.ThrowIfNull(client);
        int rate = kind switch
        {
            ResponseKind.Answer => _options.ResponsesPerSecond,
            ResponseKind.NxDomain => _options.NxDomainsPerSecond,
            ResponseKind.Error => _options.ErrorsPerSecond,
            _ => _options.ReferralsPerSecond,
        };
        if (!_options.Enabled || overTcp || rate == 0)
            return Decision.Send;
        var key = new Key(Prefix(client), kind, name ?? DnsName.Root);
        Bucket bucket = Touch(key, rate, now);
        long capacity = rate * Scale;
        long elapsed = Math.Max(0, now - bucket.Updated);
        long room = capacity - bucket.Balance;
        bucket.Balance = elapsed > room / rate ? capacity : Math.Min(capacity, bucket.Balance + elapsed * rate);
        bucket.Updated = Math.Max(now, bucket.Updated);
        bucket.Balance -= Scale;
        if (bucket.Balance >= 0)
            return Decision.Send;
        long debt = (long)Math.Min((double)_windowNanoseconds * rate, long.MaxValue / 4);
        bucket.Balance = Math.Max(bucket.Balance, -debt);
        bucket.OverLimit++;
        if (_options.Slip > 0 && bucket.OverLimit % _options.Slip == 0)
        {
            Slipped++;
            return Decision.Slip;
        }
        Dropped++;
        return Decision.Drop;
    }

    /// <summary>Decides for <paramref name="response"/> as <see cref="Decide(IPAddress, ResponseKind, DnsName?, bool, long)"/>
    /// does, with the kind and name from <see cref="Classify"/>.</summary>
    public Decision Decide(IPAddress client, DnsMessage response, bool overTcp, long now)
    {
        ResponseKind kind = Classify(response, out DnsName? name);
        return Decide(client, kind, name, overTcp, now);
    }

    /// <summary>The kind of <paramref name="response"/> and the name its bucket is keyed by: an
    /// answer by its question name; NXDOMAIN and NODATA by the zone (the owner of the SOA in the
    /// authority section), so floods of random names share one bucket; a referral by the delegation
    /// point (the owner of the NS RRset in authority); an error by no name. Without the record a rule
    /// needs, the question name (or none) is used.</summary>
    public static ResponseKind Classify(DnsMessage response, out DnsName? name)
    {
        ArgumentNullException.ThrowIfNull(response);
        DnsName? qname = response.Questions.Count > 0 ? response.Questions[0].Name : null;
        int rcode = response.Header.Rcode | ((response.Edns?.ExtendedRcode ?? 0) << 4);
        if (rcode == 3)
        {
            name = AuthorityOwner(response, DnsType.SOA) ?? qname;
            return ResponseKind.NxDomain;
        }
        if (rcode != 0)
        {
            name = null;
            return ResponseKind.Error;
        }
        if (response.Answers.Count > 0)
        {
            name = qname;
            return ResponseKind.Answer;
        }
        name = AuthorityOwner(response, DnsType.NS) ?? AuthorityOwner(response, DnsType.SOA) ?? qname;
        return ResponseKind.Referral;
    }

    private static DnsName? AuthorityOwner(DnsMessage response, DnsType type)
    {
        foreach (DnsRecord record in response.Authority)
        {
            if (record.Type == type)
                return record.Name;
        }
        return null;
    }

    /// <summary>The reply to send for <see cref="Decision.Slip"/>: <paramref name="response"/>'s header
    /// with TC set, its question and EDNS, and no records.</summary>
    public static DnsMessage CreateSlip(DnsMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new DnsMessage
        {
            Header = response.Header with { IsTruncated = true },
            Questions = response.Questions,
            Edns = response.Edns,
        };
    }

    private Bucket Touch(Key key, int rate, long now)
    {
        if (_buckets.TryGetValue(key, out LinkedListNode<Bucket>? node))
        {
            _byUse.Remove(node);
            _byUse.AddLast(node);
            return node.Value;
        }
        if (_buckets.Count >= _options.MaxEntries)
        {
            // Reuse the least recently used bucket's storage: a full table allocates nothing.
            node = _byUse.First!;
            _byUse.RemoveFirst();
            _buckets.Remove(node.Value.Key);
            _byUse.AddLast(node);
        }
        else
        {
            node = _byUse.AddLast(new Bucket());
        }
        Bucket bucket = node.Value;
        bucket.Key = key;
        bucket.Balance = rate * Scale;
        bucket.Updated = now;
        bucket.OverLimit = 0;
        _buckets.Add(key, node);
        return bucket;
    }

    /// <summary>The client's prefix as a 128-bit number (IPv4 in its IPv4-mapped IPv6 form) with the
    /// host bits cleared. Allocates nothing.</summary>
    private UInt128 Prefix(IPAddress client)
    {
        Span<byte> bytes = stackalloc byte[16];
        client.TryWriteBytes(bytes, out int written);
        UInt128 value;
        if (written == 4)
            value = ((UInt128)0xFFFF << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes);
        else
            value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        bool v4 = written == 4 || client.IsIPv4MappedToIPv6;
        int keep = v4 ? 96 + _options.Ipv4PrefixLength : _options.Ipv6PrefixLength;
        return keep == 0 ? UInt128.Zero : value & (UInt128.MaxValue << (128 - keep));
    }

    private readonly record struct Key(UInt128 Prefix, ResponseKind Kind, DnsName Name);

    private sealed class Bucket
    {
        public Key Key { get; set; }
        public long Balance { get; set; }
        public long Updated { get; set; }
        public long OverLimit { get; set; }
    }
}
