namespace Islet.Dns.Server;

/// <summary>What a <see cref="DnsServer"/> has done since it started. Read on the event loop.</summary>
public sealed class DnsServerCounters
{
    /// <summary>Datagrams received on UDP.</summary>
    public long UdpQueries { get; internal set; }

    /// <summary>Messages received on TCP connections.</summary>
    public long TcpQueries { get; internal set; }

    /// <summary>Responses sent, on either transport (each message of a zone transfer counts).</summary>
    public long Responses { get; internal set; }

    /// <summary>Responses copied from the response cache (an identical query was answered before
    /// and no zone has changed since) instead of being built again.</summary>
    public long CacheHits { get; internal set; }

    /// <summary>UDP responses sent with TC set because the answer did not fit.</summary>
    public long Truncated { get; internal set; }

    /// <summary>Messages that got no response: shorter than a header, or responses themselves.</summary>
    public long Dropped { get; internal set; }

    /// <summary>TCP connections accepted.</summary>
    public long TcpConnections { get; internal set; }

    /// <summary>TCP connections the server closed after <see cref="DnsServerOptions.TcpIdleTimeout"/>.</summary>
    public long TcpIdleClosed { get; internal set; }

    /// <summary>TCP connections closed to make room under <see cref="DnsServerOptions.MaxTcpConnections"/>.</summary>
    public long TcpEvicted { get; internal set; }

    /// <summary>TCP connections closed because a length prefix was zero or the stream ended inside a message.</summary>
    public long TcpFramingErrors { get; internal set; }

    /// <summary>UDP responses the rate limiter dropped or turned into a truncated slip.</summary>
    public long RateLimited { get; internal set; }

    /// <summary>UPDATE messages received.</summary>
    public long Updates { get; internal set; }

    /// <summary>Updates that changed a zone and were published.</summary>
    public long UpdatesApplied { get; internal set; }

    /// <summary>Updates answered SERVFAIL because saving the new zone failed.</summary>
    public long UpdateSaveFailures { get; internal set; }

    /// <summary>AXFR and IXFR requests received.</summary>
    public long Transfers { get; internal set; }

    /// <summary>Transfer requests refused (policy, TSIG, wrong zone, malformed).</summary>
    public long TransfersRefused { get; internal set; }

    /// <summary>NOTIFY messages sent (retransmissions included).</summary>
    public long NotifiesSent { get; internal set; }
}
