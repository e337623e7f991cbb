namespace Islet.Dns;

/// <summary>A DNS resource record type or query type (RFC 1035 §3.2.2, §3.2.3 and later RFCs).
/// Values not named here are still valid and are carried as unknown types (RFC 3597).</summary>
public enum DnsType : ushort
{
    /// <summary>An IPv4 host address (RFC 1035).</summary>
    A = 1,
    /// <summary>An authoritative name server (RFC 1035).</summary>
    NS = 2,
    /// <summary>The canonical name for an alias (RFC 1035).</summary>
    CNAME = 5,
    /// <summary>The start of a zone of authority (RFC 1035).</summary>
    SOA = 6,
    /// <summary>A domain name pointer (RFC 1035).</summary>
    PTR = 12,
    /// <summary>Mail exchange (RFC 1035).</summary>
    MX = 15,
    /// <summary>Text strings (RFC 1035).</summary>
    TXT = 16,
    /// <summary>An IPv6 host address (RFC 3596).</summary>
    AAAA = 28,
    /// <summary>A service location (RFC 2782).</summary>
    SRV = 33,
    /// <summary>The EDNS pseudo-record (RFC 6891).</summary>
    OPT = 41,
    /// <summary>A delegation signer (RFC 4034).</summary>
    DS = 43,
    /// <summary>A DNSSEC signature (RFC 4034).</summary>
    RRSIG = 46,
    /// <summary>Next secure (RFC 4034).</summary>
    NSEC = 47,
    /// <summary>A DNSSEC public key (RFC 4034).</summary>
    DNSKEY = 48,
    /// <summary>A transaction signature (RFC 8945).</summary>
    TSIG = 250,
    /// <summary>An incremental zone transfer (RFC 1995), query only.</summary>
    IXFR = 251,
    /// <summary>A full zone transfer (RFC 5936), query only.</summary>
    AXFR = 252,
    /// <summary>All records (RFC 1035 "*"), query only.</summary>
    ANY = 255,
    /// <summary>Certification authority authorization (RFC 8659).</summary>
    CAA = 257,
}
