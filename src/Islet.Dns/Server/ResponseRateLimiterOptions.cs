namespace Islet.Dns.Server;

/// <summary>The parameters of <see cref="ResponseRateLimiter"/>. Rate limiting is off unless
/// <see cref="Enabled"/> is set. Rates are responses per second per bucket; a rate of 0 leaves that
/// kind of response unlimited.</summary>
public sealed class ResponseRateLimiterOptions
{
    /// <summary>Whether responses are limited at all. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>Positive answers per second per bucket. Default 5.</summary>
    public int ResponsesPerSecond { get; init; } = 5;

    /// <summary>NXDOMAIN responses per second per bucket. Default 5.</summary>
    public int NxDomainsPerSecond { get; init; } = 5;

    /// <summary>Error responses (FORMERR, REFUSED, SERVFAIL, NOTIMP, ...) per second per bucket. Default 5.</summary>
    public int ErrorsPerSecond { get; init; } = 5;

    /// <summary>Referrals and NODATA responses per second per bucket. Default 5.</summary>
    public int ReferralsPerSecond { get; init; } = 5;

    /// <summary>How far a bucket may go into debt: a client over its rate must slow down for up to
    /// this long before it is answered again. Default 15 seconds (BIND's default window).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Every <c>Slip</c>-th response over the limit is sent as an empty truncated reply
    /// instead of being dropped, so a real client behind a spoofed address retries over TCP;
    /// 0 drops them all, 1 slips them all. Default 2.</summary>
    public int Slip { get; init; } = 2;

    /// <summary>The most buckets tracked; the least recently used is evicted for a new one. Default 100,000.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>The prefix length that groups IPv4 clients into one bucket. Default 24.</summary>
    public int Ipv4PrefixLength { get; init; } = 24;

    /// <summary>The prefix length that groups IPv6 clients into one bucket. Default 56.</summary>
    public int Ipv6PrefixLength { get; init; } = 56;
}
