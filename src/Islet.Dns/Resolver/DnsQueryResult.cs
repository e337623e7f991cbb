using Islet.Dns.Wire;

namespace Islet.Dns.Resolver;

/// <summary>The outcome of one query that a server (or the cache) answered with NOERROR or NXDOMAIN.</summary>
/// <remarks>Only answer records that belong to the asked name or to the CNAME chain starting at it
/// are kept; anything else a response carried is dropped. From the cache, TTLs are what remains.</remarks>
public sealed class DnsQueryResult
{
    /// <summary>Creates a result; <paramref name="answers"/> is taken as is (CNAMEs first, in chain order).</summary>
    public DnsQueryResult(DnsQuestion question, DnsResponseCode rcode, IReadOnlyList<DnsRecord> answers, DnsName canonicalName, bool fromCache)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(canonicalName);
        Question = question;
        Rcode = rcode;
        Answers = answers;
        CanonicalName = canonicalName;
        FromCache = fromCache;
    }

    /// <summary>The question asked.</summary>
    public DnsQuestion Question { get; }

    /// <summary>NOERROR or NXDOMAIN (failure codes raise <see cref="DnsResolveException"/> instead).</summary>
    public DnsResponseCode Rcode { get; }

    /// <summary>The CNAME records followed from the asked name, in order, then the records of the asked
    /// type at <see cref="CanonicalName"/> (none for NXDOMAIN or NODATA).</summary>
    public IReadOnlyList<DnsRecord> Answers { get; }

    /// <summary>Where the CNAME chain ends: the asked name when there was no CNAME.</summary>
    public DnsName CanonicalName { get; }

    /// <summary>True when the answer came from the cache and no packet was sent.</summary>
    public bool FromCache { get; }

    /// <summary>The records of the asked type at <see cref="CanonicalName"/> (for an ANY question,
    /// every record there).</summary>
    public IEnumerable<DnsRecord> Records =>
        Answers.Where(r => r.Name == CanonicalName && (Question.Type == DnsType.ANY ? r.Type != DnsType.CNAME : r.Type == Question.Type));

    /// <summary>NOERROR with no records of the asked type (NODATA, RFC 2308 §2.2).</summary>
    public bool IsNoData => Rcode == DnsResponseCode.NoError && !Records.Any();
}
