using System.Net;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneFromRecordsTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    private static DnsRecord R(string owner, DnsRecordData data, uint ttl = 300, DnsClass @class = DnsClass.Internet) =>
        new(DnsName.Parse(owner), @class, ttl, data);

    private static List<DnsRecord> Base() =>
    [
        R("example.com.", new SoaRecordData(DnsName.Parse("ns1.example.com."), DnsName.Parse("h.example.com."), 1, 2, 3, 4, 5)),
        R("example.com.", new NsRecordData(DnsName.Parse("ns1.example.com."))),
        R("ns1.example.com.", new ARecordData(IPAddress.Parse("192.0.2.1"))),
    ];

    [Fact]
    public void Builds_the_same_zone_as_load()
    {
        DnsZone built = DnsZone.FromRecords(Origin, [.. Base(), R("ns1.example.com.", new ARecordData(IPAddress.Parse("192.0.2.1")))]);
        DnsZone loaded = DnsZone.Load("@ 300 SOA ns1 h 1 2 3 4 5\n@ 300 NS ns1\nns1 300 A 192.0.2.1\n", Origin);
        Assert.Equal(loaded.Records.Select(r => r.ToString()), built.Records.Select(r => r.ToString()));
    }

    public static TheoryData<string, DnsRecord?, string> Invalid => new()
    {
        { "no SOA", null, "has no SOA record" },
        { "out of zone", R("www.example.net.", new ARecordData(IPAddress.Loopback)), "out-of-zone data" },
        { "class", R("www.example.com.", new ARecordData(IPAddress.Loopback), @class: DnsClass.Chaos), "not of class IN" },
        { "ttl", R("ns1.example.com.", new ARecordData(IPAddress.Parse("192.0.2.2")), 60), "differs from TTL 300" },
        { "cname", R("ns1.example.com.", new CNameRecordData(DnsName.Parse("x.example.com."))), "has a CNAME and other data (A)" },
        { "empty rdata", R("www.example.com.", new UnknownRecordData(DnsType.A, [])), "cannot be zone data" },
        { "meta type", R("www.example.com.", new UnknownRecordData(DnsType.ANY, [1])), "cannot be zone data" },
        { "occluded", R("a.sub.example.com.", new ARecordData(IPAddress.Loopback)), "occluded data" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_invalid_zones_with_the_reason_and_no_line(string what, DnsRecord? extra, string reason)
    {
        List<DnsRecord> records = Base();
        if (what == "no SOA")
            records.RemoveAt(0);
        if (extra is not null)
            records.Add(extra);
        if (what == "occluded")
            records.Add(R("sub.example.com.", new NsRecordData(DnsName.Parse("ns.example.net."))));
        ArgumentException error = Assert.Throws<ArgumentException>(() => DnsZone.FromRecords(Origin, records));
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("line", error.Message);
    }
}
