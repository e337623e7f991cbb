using Islet.Dns.Update.Internal;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Update;

/// <summary>
/// Applies a DNS UPDATE message (RFC 2136) to a zone, sans-IO: the caller supplies the parsed
/// message and the current zone and gets back the response code and, when something changed, the
/// new immutable zone and its <see cref="ZoneDiff"/>. Steps in the RFC's order: the zone section
/// (§3.1), the prerequisites (§2.4, §3.2), the update prescan (§3.4.1) and the updates (§3.4.2),
/// all or nothing. Rules of §3.4.2: an SOA replaces the old one only with a greater serial
/// (RFC 1982); a CNAME is not added where other data exists and other data is not added where a
/// CNAME exists; adding to an RRset gives the whole RRset the new TTL (RFC 2181 §5.2); the apex SOA
/// and NS RRsets survive "delete all RRsets" and "delete RRset", and the last apex NS record is
/// never deleted. When the zone changed and the update did not itself raise the serial, the serial
/// is incremented (RFC 1982 addition). A result that fails the checks of
/// <see cref="DnsZone.FromRecords"/> (for example an in-zone NS target losing its glue) is REFUSED
/// and nothing changes. Authentication is not checked here; see <see cref="UpdateService"/>.
/// </summary>
public static class DynamicUpdate
{
    /// <summary>The DNS opcode of UPDATE.</summary>
    public const byte Opcode = 5;

    /// <summary>Applies <paramref name="update"/> to <paramref name="zone"/>. Never throws for
    /// any content of <paramref name="update"/>.</summary>
    public static DynamicUpdateResult Apply(DnsMessage update, DnsZone zone)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(zone);
        if (update.Header.Opcode != Opcode)
            return Error(UpdateRcode.NotImp, $"opcode {update.Header.Opcode} is not UPDATE");
        if (update.Questions.Count != 1 || update.Questions[0].Type != DnsType.SOA)
            return Error(UpdateRcode.FormErr, "the zone section must hold exactly one SOA entry (RFC 2136 §3.1.1)");
        DnsQuestion zoneEntry = update.Questions[0];
        if (zoneEntry.Name != zone.Origin || zoneEntry.Class != DnsClass.Internet)
            return Error(UpdateRcode.NotAuth, $"not authoritative for {zoneEntry.Name}");
        var records = new UpdateRecordSet(zone);
        DynamicUpdateResult? failed = CheckPrerequisites(update.Answers, zone.Origin, records);
        if (failed is not null)
            return failed;
        failed = Prescan(update.Authority, zone.Origin);
        if (failed is not null)
            return failed;
        foreach (DnsRecord record in update.Authority)
            records.Apply(record);
        return Finish(zone, records);
    }

    private static DynamicUpdateResult? CheckPrerequisites(IReadOnlyList<DnsRecord> prerequisites, DnsName origin, UpdateRecordSet records)
    {
        var valueDependent = new List<DnsRecord>();
        foreach (DnsRecord rr in prerequisites)
        {
            if (rr.Ttl != 0)
                return Error(UpdateRcode.FormErr, $"prerequisite {rr.Name} has TTL {rr.Ttl}, not 0");
            if (!rr.Name.IsSubdomainOf(origin))
                return Error(UpdateRcode.NotZone, $"prerequisite {rr.Name} is outside {origin}");
            if (rr.Class is DnsClass.Any or DnsClass.None)
            {
                if (!RecordData.IsEmpty(rr.Data))
                    return Error(UpdateRcode.FormErr, $"prerequisite {rr.Name} of class {rr.Class} has rdata");
                bool exists = rr.Type == DnsType.ANY ? records.NameInUse(rr.Name) : records.RRsetExists(rr.Name, rr.Type);
                if (rr.Class == DnsClass.Any && !exists)
                    return Error(rr.Type == DnsType.ANY ? UpdateRcode.NxDomain : UpdateRcode.NxRRset, $"prerequisite: {rr.Name} {rr.Type} does not exist");
                if (rr.Class == DnsClass.None && exists)
                    return Error(rr.Type == DnsType.ANY ? UpdateRcode.YxDomain : UpdateRcode.YxRRset, $"prerequisite: {rr.Name} {rr.Type} exists");
            }
            else if (rr.Class == DnsClass.Internet)
            {
                if (RecordData.IsMetaType(rr.Type) || RecordData.IsEmpty(rr.Data) && DnsZone.IsDecodedType(rr.Type))
                    return Error(UpdateRcode.FormErr, $"prerequisite {rr.Name} {rr.Type} cannot be compared");
                valueDependent.Add(rr);
            }
            else
            {
                return Error(UpdateRcode.FormErr, $"prerequisite {rr.Name} has class {rr.Class}");
            }
        }
        foreach (IGrouping<(DnsName, DnsType), DnsRecord> group in valueDependent.GroupBy(r => (r.Name, r.Type)))
        {
            if (!records.RRsetEquals(group.Key.Item1, group.Key.Item2, group))
                return Error(UpdateRcode.NxRRset, $"prerequisite: the {group.Key.Item1} {group.Key.Item2} RRset differs");
        }
        return null;
    }

    private static DynamicUpdateResult? Prescan(IReadOnlyList<DnsRecord> updates, DnsName origin)
    {
        foreach (DnsRecord rr in updates)
        {
            if (!rr.Name.IsSubdomainOf(origin))
                return Error(UpdateRcode.NotZone, $"update {rr.Name} is outside {origin}");
            bool formErr = rr.Class switch
            {
                DnsClass.Internet => RecordData.IsMetaType(rr.Type) || RecordData.IsEmpty(rr.Data) && DnsZone.IsDecodedType(rr.Type),
                DnsClass.Any => rr.Ttl != 0 || !RecordData.IsEmpty(rr.Data) || (RecordData.IsMetaType(rr.Type) && rr.Type != DnsType.ANY),
                DnsClass.None => rr.Ttl != 0 || RecordData.IsMetaType(rr.Type) || RecordData.IsEmpty(rr.Data) && DnsZone.IsDecodedType(rr.Type),
                _ => true,
            };
            if (formErr)
                return Error(UpdateRcode.FormErr, $"update {rr.Name} {rr.Type} class {rr.Class} is malformed (RFC 2136 §3.4.1.2)");
        }
        return null;
    }

    private static DynamicUpdateResult Finish(DnsZone zone, UpdateRecordSet records)
    {
        DnsZone candidate;
        try
        {
            candidate = DnsZone.FromRecords(zone.Origin, records.Records);
            ZoneDiff diff = ZoneDiff.Between(zone, candidate);
            uint oldSerial = ((SoaRecordData)zone.Soa.Data).Serial;
            bool soaChanged = RecordData.Key(zone.Soa.Data) != RecordData.Key(candidate.Soa.Data) || zone.Soa.Ttl != candidate.Soa.Ttl;
            if (diff.Added.Count == 0 && diff.Deleted.Count == 0 && !soaChanged)
                return new DynamicUpdateResult(UpdateRcode.NoError);
            if (!SerialNumber.IsGreater(diff.ToSerial, oldSerial))
            {
                records.SetSerial(SerialNumber.Next(oldSerial));
                candidate = DnsZone.FromRecords(zone.Origin, records.Records);
                diff = ZoneDiff.Between(zone, candidate);
            }
            return new DynamicUpdateResult(UpdateRcode.NoError, candidate, diff);
        }
        catch (ArgumentException e)
        {
            return Error(UpdateRcode.Refused, $"the updated zone would be invalid: {e.Message}");
        }
    }

    private static DynamicUpdateResult Error(UpdateRcode rcode, string reason) => new(rcode, Reason: reason);
}
