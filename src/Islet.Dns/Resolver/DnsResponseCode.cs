namespace Islet.Dns.Resolver;

/// <summary>A response code (RFC 1035 §4.1.1; values above 15 combine the header's 4 bits with the
/// EDNS extended rcode, RFC 6891 §6.1.3). Values not named here are still carried.</summary>
public enum DnsResponseCode : ushort
{
    /// <summary>NOERROR: the query succeeded (possibly with no data of the asked type).</summary>
    NoError = 0,
    /// <summary>FORMERR: the server could not interpret the query.</summary>
    FormatError = 1,
    /// <summary>SERVFAIL: the server could not answer (for example its upstream failed).</summary>
    ServerFailure = 2,
    /// <summary>NXDOMAIN: the name does not exist.</summary>
    NameError = 3,
    /// <summary>NOTIMP: the server does not support the kind of query.</summary>
    NotImplemented = 4,
    /// <summary>REFUSED: the server will not answer this client, by policy.</summary>
    Refused = 5,
    /// <summary>BADVERS: the server does not support the EDNS version (RFC 6891).</summary>
    BadVersion = 16,
}
