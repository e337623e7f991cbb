using System.Net;

namespace Islet.Dns.Resolver;

/// <summary>How a <see cref="StubResolver"/> asks its servers.</summary>
public sealed record ResolverOptions
{
    /// <summary>The recursive servers to ask, in order of preference. At least one is required.</summary>
    public IReadOnlyList<IPEndPoint> Servers { get; init; } = [];

    /// <summary>How long one attempt at one server may take (UDP, and the TCP retry after a truncated
    /// answer, each get this long). Default 2 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many rounds over all servers before giving up. Default 2.</summary>
    public int Attempts { get; init; } = 2;

    /// <summary>The EDNS UDP payload size advertised (RFC 6891), the DNS flag day 2020 value 1232 by
    /// default; 0 sends queries without EDNS (answers then stop at 512 bytes).</summary>
    public ushort EdnsPayloadSize { get; init; } = 1232;

    /// <summary>Whether answers are cached and served from the cache. Default true.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>The most entries the cache holds (least recently used are evicted). Default 10,000.</summary>
    public int CacheCapacity { get; init; } = 10_000;

    /// <summary>The longest time a positive answer is cached, whatever its TTL. Default 1 day.</summary>
    public TimeSpan MaxCacheTtl { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The longest time a negative answer is cached (RFC 2308 §5). Default 3 hours.</summary>
    public TimeSpan MaxNegativeCacheTtl { get; init; } = TimeSpan.FromHours(3);
}
