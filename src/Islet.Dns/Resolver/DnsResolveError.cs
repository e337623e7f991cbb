namespace Islet.Dns.Resolver;

/// <summary>Why a resolution failed: the closed set a <see cref="DnsResolveException"/> reports.</summary>
public enum DnsResolveError
{
    /// <summary>The name does not exist (NXDOMAIN, possibly at the end of a CNAME chain).</summary>
    NameNotFound,
    /// <summary>The name exists but has no records of the asked types (NODATA, RFC 2308 §2.2).</summary>
    NoData,
    /// <summary>No server answered within the per-attempt timeout on any attempt.</summary>
    Timeout,
    /// <summary>Servers answered SERVFAIL, FORMERR, NOTIMP or another failure code.</summary>
    ServerFailure,
    /// <summary>Servers answered REFUSED and none answered better.</summary>
    Refused,
    /// <summary>The stack could not reach any server (send failed, TCP connection refused or reset).</summary>
    NetworkError,
}
