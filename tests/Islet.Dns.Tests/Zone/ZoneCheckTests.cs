using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneCheckTests
{
    private const string Head = "$TTL 1h\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\n";

    private static ZoneFileException Fails(string text) =>
        Assert.Throws<ZoneFileException>(() => DnsZone.Load(text, ZoneLoadTests.s_origin));

    [Theory]
    [InlineData("www.example.org. A 192.0.2.1", "out-of-zone")]
    [InlineData("com. A 192.0.2.1", "out-of-zone")]
    [InlineData("@ SOA ns1 h 2 2 3 4 5", "second SOA")]
    [InlineData("x SOA ns1 h 2 2 3 4 5", "not at the apex")]
    [InlineData("www 60 A 192.0.2.2\nwww 120 A 192.0.2.3", "RFC 2181")]
    [InlineData("a CNAME b\na CNAME c", "more than one CNAME")]
    [InlineData("a CNAME b\na TXT x", "CNAME")]
    [InlineData("a TXT x\na CNAME b", "CNAME")]
    [InlineData("@ NS ns2", "missing glue for NS target ns2.example.com.")]
    [InlineData("sub NS ns.sub", "missing glue for NS target ns.sub.example.com.")]
    [InlineData("sub NS ns.example.net.\nhost.sub A 192.0.2.7", "occluded")]
    [InlineData("sub NS ns.example.net.\nsub TXT x", "occluded")]
    [InlineData("sub NS ns.example.net.\ndeep.er.sub NS ns.example.net.", "occluded")]
    public void Each_check_reports_the_offending_line(string tail, string reason)
    {
        ZoneFileException e = Fails(Head + "\n" + tail + "\n");
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(5 + tail.Split('\n').Length, e.Line);
    }

    [Fact]
    public void A_missing_glue_error_names_the_ns_line()
    {
        ZoneFileException e = Fails(Head + "sub NS ns.sub\n NS ns2.sub\nns.sub A 192.0.2.9\n");
        Assert.Equal("missing glue for NS target ns2.sub.example.com. at line 6", e.Reason);
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void A_zone_needs_an_soa()
    {
        ZoneFileException e = Fails("$TTL 1\n@ NS ns1\nns1 A 192.0.2.1\n");
        Assert.Contains("no SOA", e.Reason);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_zone_needs_ns_at_the_apex()
    {
        ZoneFileException e = Fails("$TTL 1\n\n@ SOA ns1 h 1 2 3 4 5\nns1 A 192.0.2.1\n");
        Assert.Contains("no NS record at its apex", e.Reason);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Allowed_neighbours_pass()
    {
        DnsZone zone = DnsZone.Load(Head + """
            a CNAME b
            a RRSIG CNAME 8 3 60 1 0 1 example.com. AA==
            a NSEC b CNAME RRSIG NSEC
            sub NS ns.sub
            sub NS ns.example.net.
            sub DS 1 8 2 ABCD
            ns.sub AAAA 2001:db8::53
            """, ZoneLoadTests.s_origin);
        Assert.Single(zone.DelegationPoints);
    }
}
