using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Update.Internal;

/// <summary>The records of a zone being updated, with the operations of RFC 2136 §3.4.2.</summary>
internal sealed class UpdateRecordSet
{
    private readonly DnsName _origin;
    private readonly List<DnsRecord> _records;
    private DnsRecord _soa;

    public UpdateRecordSet(DnsZone zone)
    {
        _origin = zone.Origin;
        _soa = zone.Soa;
        _records = [.. zone.Records.Where(r => r.Type != DnsType.SOA)];
    }

    /// <summary>The SOA first, then every other record.</summary>
    public IEnumerable<DnsRecord> Records => _records.Prepend(_soa);

    public bool NameInUse(DnsName name) => name == _origin || _records.Exists(r => r.Name == name);

    public bool RRsetExists(DnsName name, DnsType type) =>
        type == DnsType.SOA ? name == _origin : _records.Exists(r => r.Type == type && r.Name == name);

    /// <summary>Whether the RRset equals <paramref name="expected"/> as a set of rdata (TTL ignored).</summary>
    public bool RRsetEquals(DnsName name, DnsType type, IEnumerable<DnsRecord> expected)
    {
        IEnumerable<DnsRecord> actual = type == DnsType.SOA && name == _origin ? [_soa] : _records.Where(r => r.Type == type && r.Name == name);
        var have = actual.Select(r => RecordData.Key(r.Data)).ToHashSet(StringComparer.Ordinal);
        var want = expected.Select(r => RecordData.Key(r.Data)).ToHashSet(StringComparer.Ordinal);
        return have.SetEquals(want);
    }

    public void SetSerial(uint serial)
    {
        var old = (SoaRecordData)_soa.Data;
        _soa = _soa with { Data = new SoaRecordData(old.PrimaryServer, old.ResponsibleMailbox, serial, old.Refresh, old.Retry, old.Expire, old.Minimum) };
    }

    /// <summary>Applies one prescanned update RR.</summary>
    public void Apply(DnsRecord rr)
    {
        switch (rr.Class)
        {
            case DnsClass.Internet:
                Add(rr);
                break;
            case DnsClass.Any when rr.Type == DnsType.ANY:
                _records.RemoveAll(r => r.Name == rr.Name && !(rr.Name == _origin && r.Type == DnsType.NS));
                break;
            case DnsClass.Any:
                if (rr.Name == _origin && rr.Type is DnsType.SOA or DnsType.NS)
                    return;
                _records.RemoveAll(r => r.Name == rr.Name && r.Type == rr.Type);
                break;
            case DnsClass.None:
                if (rr.Type == DnsType.SOA)
                    return;
                if (rr.Name == _origin && rr.Type == DnsType.NS && _records.Count(r => r.Name == _origin && r.Type == DnsType.NS && !RecordData.Same(r, rr)) == 0)
                    return;
                _records.RemoveAll(r => RecordData.Same(r, rr));
                break;
        }
    }

    private void Add(DnsRecord rr)
    {
        if (rr.Type == DnsType.SOA)
        {
            if (rr.Name == _origin && SerialNumber.IsGreater(((SoaRecordData)rr.Data).Serial, ((SoaRecordData)_soa.Data).Serial))
                _soa = rr;
            return;
        }
        bool hasCname = _records.Exists(r => r.Name == rr.Name && r.Type == DnsType.CNAME);
        bool hasOther = _records.Exists(r => r.Name == rr.Name && r.Type is not (DnsType.CNAME or DnsType.RRSIG or DnsType.NSEC));
        if (rr.Type == DnsType.CNAME)
        {
            if (hasOther || rr.Name == _origin)
                return;
            _records.RemoveAll(r => r.Name == rr.Name && r.Type == DnsType.CNAME);
            _records.Add(rr);
            return;
        }
        if (hasCname && rr.Type is not (DnsType.RRSIG or DnsType.NSEC))
            return;
        bool duplicate = false;
        for (int i = 0; i < _records.Count; i++)
        {
            DnsRecord r = _records[i];
            if (r.Name != rr.Name || r.Type != rr.Type)
                continue;
            if (RecordData.Same(r, rr))
                duplicate = true;
            if (r.Ttl != rr.Ttl)
                _records[i] = r with { Ttl = rr.Ttl };
        }
        if (!duplicate)
            _records.Add(rr);
    }
}
