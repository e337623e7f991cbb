using Islet.Dns.Wire;
using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Zone;

/// <summary>
/// A loaded, checked zone: its records grouped into RRsets by (owner, type), the apex SOA and
/// the delegation points. Build one with <see cref="Load"/>; it is immutable afterwards.
/// </summary>
public sealed partial class Zone
{
    private readonly Dictionary<(DnsName Name, DnsType Type), List<DnsRecord>> _rrsets;
    private readonly Dictionary<DnsName, List<DnsType>> _types;

    private Zone(DnsName origin, DnsRecord soa, Dictionary<(DnsName, DnsType), List<DnsRecord>> rrsets,
        Dictionary<DnsName, List<DnsType>> types, List<DnsName> delegations)
    {
        Origin = origin;
        Soa = soa;
        _rrsets = rrsets;
        _types = types;
        var names = new List<DnsName>(types.Keys);
        names.Sort();
        Names = names.AsReadOnly();
        delegations.Sort();
        DelegationPoints = delegations.AsReadOnly();
    }

    /// <summary>The apex of the zone.</summary>
    public DnsName Origin { get; }

    /// <summary>The zone's single SOA record, owned by <see cref="Origin"/>.</summary>
    public DnsRecord Soa { get; }

    /// <summary>Every owner name in the zone, in canonical order.</summary>
    public IReadOnlyList<DnsName> Names { get; }

    /// <summary>The names other than the apex that own an NS RRset (zone cuts), in canonical order.</summary>
    public IReadOnlyList<DnsName> DelegationPoints { get; }

    /// <summary>Every record in the zone, the SOA first, then by owner in canonical order and by
    /// type in the order the zone first listed them.</summary>
    public IEnumerable<DnsRecord> Records
    {
        get
        {
            yield return Soa;
            foreach (DnsName name in Names)
            {
                foreach (DnsType type in _types[name])
                {
                    foreach (DnsRecord record in _rrsets[(name, type)])
                    {
                        if (record.Type != DnsType.SOA)
                            yield return record;
                    }
                }
            }
        }
    }

    /// <summary>The number of RRsets in the zone.</summary>
    public int RRsetCount => _rrsets.Count;

    /// <summary>The RRset of <paramref name="type"/> at <paramref name="name"/>, or an empty list.</summary>
    public IReadOnlyList<DnsRecord> GetRRset(DnsName name, DnsType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _rrsets.TryGetValue((name, type), out List<DnsRecord>? rrset) ? rrset.AsReadOnly() : [];
    }

    /// <summary>The types that have an RRset at <paramref name="name"/>, or an empty list.</summary>
    public IReadOnlyList<DnsType> GetTypes(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _types.TryGetValue(name, out List<DnsType>? types) ? types.AsReadOnly() : [];
    }

    /// <summary>
    /// Reads <paramref name="text"/> as a master file for <paramref name="origin"/> (the initial
    /// $ORIGIN unless <paramref name="options"/> sets one), parses every entry with
    /// <see cref="ZoneRecordParser"/>, groups the records into RRsets and checks the zone: one SOA
    /// at the apex, NS at the apex, no out-of-zone data, TTLs equal within an RRset (RFC 2181
    /// §5.2), CNAME exclusivity (RFC 1034 §3.6.2, RFC 4035 §2.5), glue for in-zone NS targets, and
    /// no occluded data below a zone cut. Identical records are kept once (RFC 2181 §5).
    /// </summary>
    /// <exception cref="ZoneFileException">The text or the zone is invalid; the exception carries the line.</exception>
    public static Zone Load(string text, DnsName origin, ZoneFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(origin);
        options ??= new ZoneFileOptions();
        if (options.Origin is null)
        {
            options = new ZoneFileOptions
            {
                Origin = origin.ToString(),
                DefaultTtl = options.DefaultTtl,
                AllowInclude = options.AllowInclude,
                IncludeResolver = options.IncludeResolver,
                MaxIncludeDepth = options.MaxIncludeDepth,
            };
        }
        IReadOnlyList<ZoneEntry> entries = new ZoneFileReader(options).Read(text);
        var loaded = new List<ZoneLoadedRecord>(entries.Count);
        foreach (ZoneEntry entry in entries)
        {
            var record = new ZoneLoadedRecord(ZoneRecordParser.Parse(entry), entry.Line, entry.FileName);
            if (!record.Record.Name.IsSubdomainOf(origin))
                throw record.Error($"out-of-zone data: {record.Record.Name} is not at or below the origin {origin}");
            loaded.Add(record);
        }
        return Build(origin, loaded);
    }

    /// <summary>
    /// Builds a zone for <paramref name="origin"/> from <paramref name="records"/> with the same
    /// grouping and checks as <see cref="Load"/> (one SOA at the apex, NS at the apex, no
    /// out-of-zone data, equal TTLs within an RRset, CNAME exclusivity, glue, no occluded data);
    /// identical records are kept once. Every record must be of class IN.
    /// </summary>
    /// <exception cref="ArgumentException">The records do not form a valid zone; the message is the
    /// reason, as <see cref="Load"/> words it but without line numbers.</exception>
    public static Zone FromRecords(DnsName origin, IEnumerable<DnsRecord> records)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(records);
        var loaded = new List<ZoneLoadedRecord>();
        foreach (DnsRecord record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            if (!record.Name.IsSubdomainOf(origin))
                throw new ArgumentException($"out-of-zone data: {record.Name} is not at or below the origin {origin}", nameof(records));
            if (record.Class != DnsClass.Internet)
                throw new ArgumentException($"{record.Name} {record.Type} is not of class IN", nameof(records));
            if (record.Type is DnsType.OPT or (>= (DnsType)128 and <= (DnsType)255) || record.Data is UnknownRecordData && IsDecodedType(record.Type))
                throw new ArgumentException($"{record.Name} {record.Type} cannot be zone data", nameof(records));
            loaded.Add(new ZoneLoadedRecord(record, 0, null));
        }
        try
        {
            return Build(origin, loaded);
        }
        catch (ZoneFileException e)
        {
            throw new ArgumentException(WithoutLines(e.Reason), nameof(records), e);
        }
    }

    /// <summary>Drops the "at line 0" references the shared checks put in their reasons.</summary>
    private static string WithoutLines(string reason)
    {
        reason = System.Text.RegularExpressions.Regex.Replace(reason, @" \((?:first |the first is )?at line 0\)| \(line 0\)", "");
        return reason.Replace(" at line 0", "", StringComparison.Ordinal);
    }

    /// <summary>Types whose rdata the wire reader decodes; as <see cref="UnknownRecordData"/> they are
    /// the empty rdata of an update's deletion or prerequisite.</summary>
    internal static bool IsDecodedType(DnsType type) =>
        type is DnsType.A or DnsType.AAAA or DnsType.NS or DnsType.CNAME or DnsType.PTR or DnsType.SOA
            or DnsType.MX or DnsType.TXT or DnsType.SRV or DnsType.CAA or DnsType.DS or DnsType.DNSKEY
            or DnsType.RRSIG or DnsType.NSEC;
}
