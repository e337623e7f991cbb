using Islet.Dns.Wire;

namespace Islet.Dns.Resolver.Internal;

/// <summary>What a validated response says about one question: the CNAME chain from the asked name,
/// the RRset at its end, or the negative answer and the SOA that bounds its caching (RFC 2308).
/// Records that are not on the chain are ignored (a stub's bailiwick rule), as are SOA records for
/// zones that do not contain the name the chain ends at.</summary>
internal sealed class ResponseInterpretation
{
    /// <summary>The most CNAME links followed, in a response or in the cache.</summary>
    internal const int MaxChain = 8;

    private ResponseInterpretation(DnsResponseCode rcode, List<DnsRecord[]> rrsets, DnsName canonicalName, bool complete, DnsRecord? soa)
    {
        Rcode = rcode;
        RRsets = rrsets;
        CanonicalName = canonicalName;
        Complete = complete;
        Soa = soa;
    }

    /// <summary>The response code, with the EDNS extended bits.</summary>
    internal DnsResponseCode Rcode { get; }

    /// <summary>The RRsets on the chain: one CNAME record per link, then the asked type's RRset if present.</summary>
    internal List<DnsRecord[]> RRsets { get; }

    /// <summary>The name the chain ends at.</summary>
    internal DnsName CanonicalName { get; }

    /// <summary>False when the chain looped or ran past <see cref="MaxChain"/> links: then nothing
    /// negative may be concluded about <see cref="CanonicalName"/>.</summary>
    internal bool Complete { get; }

    /// <summary>The SOA from the authority section of a negative answer, in bailiwick, or null.</summary>
    internal DnsRecord? Soa { get; }

    /// <summary>Whether the answer is NOERROR without the asked type's RRset (NODATA).</summary>
    internal bool IsNoData => Rcode == DnsResponseCode.NoError && !HasData;

    /// <summary>Whether the chain ends in the asked type's RRset.</summary>
    internal bool HasData { get; private init; }

    /// <summary>The response code of <paramref name="response"/>, including EDNS's upper 8 bits.</summary>
    internal static DnsResponseCode RcodeOf(DnsMessage response) =>
        (DnsResponseCode)(((response.Edns?.ExtendedRcode ?? 0) << 4) | response.Header.Rcode);

    /// <summary>Reads the answer to <paramref name="question"/> out of <paramref name="response"/>, which
    /// the caller has checked echoes that question.</summary>
    internal static ResponseInterpretation Interpret(DnsQuestion question, DnsMessage response)
    {
        var rrsets = new List<DnsRecord[]>();
        DnsName current = question.Name;
        bool complete = false, hasData = false;
        for (int links = 0; links <= MaxChain; links++)
        {
            DnsRecord[] matches = [.. response.Answers.Where(r => r.Class == question.Class && r.Name == current && Matches(question.Type, r.Type))];
            if (matches.Length > 0)
            {
                rrsets.Add(matches);
                complete = hasData = true;
                break;
            }
            DnsRecord? cname = question.Type == DnsType.CNAME
                ? null
                : response.Answers.FirstOrDefault(r => r.Class == question.Class && r.Name == current && r.Data is CNameRecordData);
            if (cname is null)
            {
                complete = true;
                break;
            }
            rrsets.Add([cname]);
            current = ((CNameRecordData)cname.Data).Target;
            if (rrsets.Exists(s => s[0].Name == current))
                break; // a loop
        }
        DnsName end = current;
        DnsRecord? soa = hasData ? null : response.Authority.FirstOrDefault(r => r.Data is SoaRecordData && r.Class == question.Class && end.IsSubdomainOf(r.Name));
        return new ResponseInterpretation(RcodeOf(response), rrsets, end, complete, soa) { HasData = hasData };
    }

    private static bool Matches(DnsType asked, DnsType type) =>
        asked == DnsType.ANY ? type is not (DnsType.CNAME or DnsType.OPT or DnsType.TSIG) : type == asked;
}
