namespace Islet.Dns;

/// <summary>A DNS class (RFC 1035 §3.2.4; the values above 255 are meta classes of RFC 2136 and 6895).</summary>
public enum DnsClass : ushort
{
    /// <summary>IN, the Internet.</summary>
    Internet = 1,
    /// <summary>CH, Chaos.</summary>
    Chaos = 3,
    /// <summary>HS, Hesiod.</summary>
    Hesiod = 4,
    /// <summary>NONE (RFC 2136: delete an RR from an RRset in an update).</summary>
    None = 254,
    /// <summary>ANY (* in a question; delete an RRset in an update).</summary>
    Any = 255,
}
