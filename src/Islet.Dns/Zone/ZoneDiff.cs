using Islet.Dns.Wire;

namespace Islet.Dns.Zone;

/// <summary>
/// One step in a zone's history, in the shape IXFR sends it (RFC 1995 §4): the records removed
/// from the version with <see cref="OldSoa"/>, then the records added to make the version with
/// <see cref="NewSoa"/>. Neither list holds an SOA; a changed TTL is a removal plus an addition.
/// </summary>
/// <param name="OldSoa">The SOA of the version before the change.</param>
/// <param name="Deleted">Records of the old version that the new one lacks.</param>
/// <param name="NewSoa">The SOA of the version after the change.</param>
/// <param name="Added">Records of the new version that the old one lacks.</param>
public sealed record ZoneDiff(DnsRecord OldSoa, IReadOnlyList<DnsRecord> Deleted, DnsRecord NewSoa, IReadOnlyList<DnsRecord> Added)
{
    /// <summary>The serial of the old version.</summary>
    public uint FromSerial => ((SoaRecordData)OldSoa.Data).Serial;

    /// <summary>The serial of the new version.</summary>
    public uint ToSerial => ((SoaRecordData)NewSoa.Data).Serial;

    /// <summary>
    /// The difference that turns <paramref name="before"/> into <paramref name="after"/>
    /// (same origin). Records are compared by owner, type, class, TTL and rdata; the result lists
    /// them in canonical owner order.
    /// </summary>
    /// <exception cref="ArgumentException">The zones have different origins.</exception>
    public static ZoneDiff Between(Zone before, Zone after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Origin != after.Origin)
            throw new ArgumentException($"The zones have different origins ({before.Origin}, {after.Origin}).", nameof(after));
        var old = Keyed(before);
        var now = Keyed(after);
        List<DnsRecord> deleted = [.. old.Where(p => !now.ContainsKey(p.Key)).Select(p => p.Value)];
        List<DnsRecord> added = [.. now.Where(p => !old.ContainsKey(p.Key)).Select(p => p.Value)];
        return new ZoneDiff(before.Soa, deleted, after.Soa, added);
    }

    private static Dictionary<string, DnsRecord> Keyed(Zone zone)
    {
        var keyed = new Dictionary<string, DnsRecord>(StringComparer.Ordinal);
        foreach (DnsRecord record in zone.Records)
        {
            if (record.Type != DnsType.SOA)
                keyed.TryAdd(record.ToString().ToLowerInvariant(), record);
        }
        return keyed;
    }
}
