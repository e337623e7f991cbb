using Islet.Dns.Wire;

namespace Islet.Dns.Update.Internal;

/// <summary>Rdata comparison for updates (RFC 2136 §1.1.1: records equal in name, type, class and
/// rdata; names inside rdata compare without case, RFC 4343).</summary>
internal static class RecordData
{
    /// <summary>A key equal for equal rdata of one type.</summary>
    public static string Key(DnsRecordData data) => data switch
    {
        TxtRecordData or CaaRecordData or UnknownRecordData or DnsKeyRecordData or DsRecordData => data.ToString(),
        _ => data.ToString().ToLowerInvariant(),
    };

    public static bool Same(DnsRecord a, DnsRecord b) =>
        a.Type == b.Type && a.Name == b.Name && string.Equals(Key(a.Data), Key(b.Data), StringComparison.Ordinal);

    /// <summary>Whether the rdata is the empty rdata of a deletion or prerequisite.</summary>
    public static bool IsEmpty(DnsRecordData data) => data is UnknownRecordData { Data.Length: 0 };

    /// <summary>Types that cannot be zone data (RFC 2136 §3.4.1.2: ANY, AXFR, IXFR, MAILA, MAILB, and
    /// the other meta types such as TSIG and OPT).</summary>
    public static bool IsMetaType(DnsType type) => type is DnsType.OPT or (>= (DnsType)128 and <= (DnsType)255);
}
