using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Server.Internal;

/// <summary>A <see cref="DnsZone"/> with the lookups the answerer needs precomputed: every name that
/// exists (owners and empty non-terminals, RFC 4592 §2.2.2) and the zone cuts.</summary>
internal sealed class AuthoritativeZone
{
    private readonly HashSet<DnsName> _existing = [];
    private readonly HashSet<DnsName> _cuts;

    internal AuthoritativeZone(DnsZone zone)
    {
        Zone = zone;
        _cuts = [.. zone.DelegationPoints];
        foreach (DnsName name in zone.Names)
        {
            for (DnsName n = name; _existing.Add(n) && n.LabelCount > zone.Origin.LabelCount; n = n.Parent)
            {
            }
        }
        _existing.Add(zone.Origin);
        uint ttl = Math.Min(zone.Soa.Ttl, ((SoaRecordData)zone.Soa.Data).Minimum);
        NegativeSoa = zone.Soa with { Ttl = ttl };
    }

    internal DnsZone Zone { get; }

    /// <summary>The SOA for negative answers, its TTL lowered to the SOA minimum (RFC 2308 §3).</summary>
    internal DnsRecord NegativeSoa { get; }

    internal bool Exists(DnsName name) => _existing.Contains(name);

    /// <summary>The highest zone cut at or above <paramref name="name"/> (below the apex), or null.
    /// At the cut itself a DS query is answered by the parent (RFC 4035 §3.1.4.1), so it is not one.</summary>
    internal DnsName? FindCut(DnsName name, DnsType type)
    {
        if (_cuts.Count == 0)
            return null;
        int apex = Zone.Origin.LabelCount;
        var ancestors = new List<DnsName>(name.LabelCount - apex);
        for (DnsName n = name; n.LabelCount > apex; n = n.Parent)
            ancestors.Add(n);
        for (int i = ancestors.Count - 1; i >= 0; i--)
        {
            if (_cuts.Contains(ancestors[i]) && !(i == 0 && type == DnsType.DS))
                return ancestors[i];
        }
        return null;
    }

    /// <summary>The longest ancestor of <paramref name="name"/> that exists (RFC 4592 §3.3.1).</summary>
    internal DnsName ClosestEncloser(DnsName name)
    {
        DnsName n = name;
        while (!_existing.Contains(n) && n.LabelCount > Zone.Origin.LabelCount)
            n = n.Parent;
        return n;
    }
}
