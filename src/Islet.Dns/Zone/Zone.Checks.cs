using Islet.Dns.Wire;
using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Zone;

public sealed partial class Zone
{
    private static Zone Build(DnsName origin, List<ZoneLoadedRecord> loaded)
    {
        var rrsets = new Dictionary<(DnsName, DnsType), List<DnsRecord>>();
        var firstLine = new Dictionary<(DnsName, DnsType), ZoneLoadedRecord>();
        var types = new Dictionary<DnsName, List<DnsType>>();
        foreach (ZoneLoadedRecord item in loaded)
        {
            DnsRecord record = item.Record;
            var key = (record.Name, record.Type);
            if (!rrsets.TryGetValue(key, out List<DnsRecord>? rrset))
            {
                rrsets.Add(key, rrset = []);
                firstLine.Add(key, item);
                if (!types.TryGetValue(record.Name, out List<DnsType>? list))
                    types.Add(record.Name, list = []);
                list.Add(record.Type);
            }
            else
            {
                ZoneLoadedRecord first = firstLine[key];
                if (first.Record.Ttl != record.Ttl)
                    throw item.Error($"TTL {record.Ttl} differs from TTL {first.Record.Ttl} of the {record.Name} {record.Type} RRset at line {first.Line} (RFC 2181 §5.2)");
                if (first.Record.Class != record.Class)
                    throw item.Error($"class differs from the {record.Name} {record.Type} RRset at line {first.Line}");
                if (rrset.Exists(r => r.Data.ToString() == record.Data.ToString()))
                    continue;
                if (record.Type == DnsType.CNAME)
                    throw item.Error($"{record.Name} has more than one CNAME record (first at line {first.Line})");
            }
            rrset.Add(record);
        }
        DnsRecord soa = CheckApex(origin, loaded, rrsets);
        CheckCNames(types, firstLine);
        List<DnsName> delegations = [.. types.Keys.Where(n => n != origin && rrsets.ContainsKey((n, DnsType.NS)))];
        var cuts = new HashSet<DnsName>(delegations);
        CheckOcclusionAndGlue(origin, loaded, rrsets, cuts);
        return new Zone(origin, soa, rrsets, types, delegations);
    }

    private static DnsRecord CheckApex(DnsName origin, List<ZoneLoadedRecord> loaded,
        Dictionary<(DnsName, DnsType), List<DnsRecord>> rrsets)
    {
        ZoneLoadedRecord? soa = null;
        foreach (ZoneLoadedRecord item in loaded)
        {
            if (item.Record.Type != DnsType.SOA)
                continue;
            if (item.Record.Name != origin)
                throw item.Error($"SOA record at {item.Record.Name}, not at the apex {origin}");
            if (soa is not null)
                throw item.Error($"second SOA record (the first is at line {soa.Value.Line}); a zone has exactly one");
            soa = item;
        }
        if (soa is null)
            throw new ZoneFileException(loaded.Count > 0 ? loaded[0].Line : 1, loaded.Count > 0 ? loaded[0].FileName : null,
                $"zone {origin} has no SOA record");
        if (!rrsets.ContainsKey((origin, DnsType.NS)))
            throw soa.Value.Error($"zone {origin} has no NS record at its apex");
        return soa.Value.Record;
    }

    private static void CheckCNames(Dictionary<DnsName, List<DnsType>> types,
        Dictionary<(DnsName, DnsType), ZoneLoadedRecord> firstLine)
    {
        foreach ((DnsName name, List<DnsType> list) in types)
        {
            if (!list.Contains(DnsType.CNAME))
                continue;
            foreach (DnsType type in list)
            {
                if (type is DnsType.CNAME or DnsType.RRSIG or DnsType.NSEC)
                    continue;
                ZoneLoadedRecord other = firstLine[(name, type)], cname = firstLine[(name, DnsType.CNAME)];
                ZoneLoadedRecord later = other.Line > cname.Line ? other : cname;
                throw later.Error($"{name} has a CNAME (line {cname.Line}) and other data ({Presentation(type)} at line {other.Line})");
            }
        }
    }

    private static void CheckOcclusionAndGlue(DnsName origin, List<ZoneLoadedRecord> loaded,
        Dictionary<(DnsName, DnsType), List<DnsRecord>> rrsets, HashSet<DnsName> cuts)
    {
        var nsTargets = new HashSet<DnsName>();
        foreach (ZoneLoadedRecord item in loaded)
        {
            if (item.Record.Data is NsRecordData ns)
                nsTargets.Add(ns.Target);
        }
        foreach (ZoneLoadedRecord item in loaded)
        {
            DnsRecord record = item.Record;
            DnsName? cut = EnclosingCut(record.Name, origin, cuts, includeSelf: false);
            bool atCut = cuts.Contains(record.Name);
            bool isGlue = record.Type is DnsType.A or DnsType.AAAA && nsTargets.Contains(record.Name);
            if (cut is not null && !isGlue)
                throw item.Error($"occluded data: {record.Name} {Presentation(record.Type)} is below the delegation point {cut}");
            if (atCut && !isGlue && record.Type is not (DnsType.NS or DnsType.DS or DnsType.RRSIG or DnsType.NSEC))
                throw item.Error($"occluded data: {record.Name} {Presentation(record.Type)} is at the delegation point {record.Name}");
        }
        foreach (ZoneLoadedRecord item in loaded)
        {
            if (item.Record.Data is not NsRecordData ns || !ns.Target.IsSubdomainOf(origin))
                continue;
            if (!rrsets.ContainsKey((ns.Target, DnsType.A)) && !rrsets.ContainsKey((ns.Target, DnsType.AAAA)))
                throw item.Error($"missing glue for NS target {ns.Target} at line {item.Line}");
        }
    }

    private static DnsName? EnclosingCut(DnsName name, DnsName origin, HashSet<DnsName> cuts, bool includeSelf)
    {
        DnsName current = includeSelf ? name : name.Parent;
        while (current.LabelCount > origin.LabelCount)
        {
            if (cuts.Contains(current))
                return current;
            current = current.Parent;
        }
        return null;
    }

    private static string Presentation(DnsType type) => Wire.Internal.Presentation.TypeName(type);
}
