using Islet.Dns.Wire;

namespace Islet.Dns.Server.Internal;

/// <summary>One run of RFC 1034 §4.3.2 steps 3 and 6 in one zone: fills the three sections, the
/// rcode and AA for a question, following CNAMEs inside the zone.</summary>
internal sealed class AuthoritativeLookup(AuthoritativeZone zone, DnsType type, int maxChain)
{
    internal List<DnsRecord> Answers { get; } = [];
    internal List<DnsRecord> Authority { get; } = [];
    internal List<DnsRecord> Additional { get; } = [];
    internal int Rcode { get; private set; } = DnsRcode.NoError;
    internal bool Authoritative { get; private set; } = true;

    internal void Run(DnsName name)
    {
        var visited = new HashSet<DnsName>();
        for (int link = 0; link <= maxChain; link++)
        {
            if (!visited.Add(name))
                return;
            DnsName? next = Step(name);
            if (next is null)
                return;
            if (!next.IsSubdomainOf(zone.Zone.Origin))
                return;
            name = next;
        }
    }

    /// <summary>Answers for one name; returns the CNAME target to continue with, or null.</summary>
    private DnsName? Step(DnsName name)
    {
        if (zone.FindCut(name, type) is { } cut)
        {
            Referral(cut);
            return null;
        }
        if (zone.Exists(name))
            return Match(name, name);
        DnsName encloser = zone.ClosestEncloser(name);
        DnsName wildcard = DnsName.Parse("*", encloser);
        if (zone.Exists(wildcard))
            return Match(wildcard, name);
        Rcode = DnsRcode.NxDomain;
        Authority.Add(zone.NegativeSoa);
        return null;
    }

    /// <summary>Answers from the RRsets at <paramref name="source"/>, owned by <paramref name="owner"/>
    /// (they differ when a wildcard is synthesised).</summary>
    private DnsName? Match(DnsName source, DnsName owner)
    {
        if (type == DnsType.ANY)
        {
            IReadOnlyList<DnsType> types = zone.Zone.GetTypes(source);
            foreach (DnsType t in types)
                AddRRset(source, owner, t);
            if (types.Count == 0)
                Authority.Add(zone.NegativeSoa);
            return null;
        }
        if (type != DnsType.CNAME && zone.Zone.GetRRset(source, DnsType.CNAME) is [{ Data: CNameRecordData cname }, ..])
        {
            AddRRset(source, owner, DnsType.CNAME);
            return cname.Target;
        }
        if (!AddRRset(source, owner, type))
            Authority.Add(zone.NegativeSoa);
        return null;
    }

    private bool AddRRset(DnsName source, DnsName owner, DnsType t)
    {
        IReadOnlyList<DnsRecord> rrset = zone.Zone.GetRRset(source, t);
        foreach (DnsRecord record in rrset)
        {
            Answers.Add(source == owner ? record : record with { Name = owner });
            switch (record.Data)
            {
                case MxRecordData mx: AddAddresses(mx.Exchange, glue: false); break;
                case SrvRecordData srv: AddAddresses(srv.Target, glue: false); break;
                case NsRecordData ns: AddAddresses(ns.Target, glue: false); break;
            }
        }
        return rrset.Count > 0;
    }

    private void Referral(DnsName cut)
    {
        Authoritative = Answers.Count > 0;
        foreach (DnsRecord ns in zone.Zone.GetRRset(cut, DnsType.NS))
        {
            Authority.Add(ns);
            AddAddresses(((NsRecordData)ns.Data).Target, glue: true);
        }
    }

    /// <summary>Adds the A and AAAA RRsets of <paramref name="target"/> when it is in the zone: any
    /// data for glue, only authoritative data (not below a cut) otherwise.</summary>
    private void AddAddresses(DnsName target, bool glue)
    {
        if (!target.IsSubdomainOf(zone.Zone.Origin) || (!glue && zone.FindCut(target, DnsType.A) is not null))
            return;
        foreach (DnsType t in (ReadOnlySpan<DnsType>)[DnsType.A, DnsType.AAAA])
        {
            foreach (DnsRecord record in zone.Zone.GetRRset(target, t))
            {
                if (!Additional.Contains(record) && !Answers.Contains(record))
                    Additional.Add(record);
            }
        }
    }
}
