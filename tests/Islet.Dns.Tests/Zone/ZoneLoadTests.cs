using Islet.Dns.Wire;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneLoadTests
{
    internal const string Realistic = """
        $TTL 1h
        @   IN  SOA ns1 hostmaster ( 2024010101 2h 15m 2w 300 )
            IN  NS  ns1
                NS  ns2.example.net.
        ns1     IN A 192.0.2.1
                AAAA 2001:db8::1
        www     A   192.0.2.10
                A   192.0.2.11
        @       MX  10 mail
        mail    A   192.0.2.25
        alias   CNAME www
        txt     TXT "v=spf1 -all"
        _sip._tcp SRV 10 60 5060 www
        @       CAA 0 issue "letsencrypt.org"
        *       A   192.0.2.99
        ; a delegation with in-bailiwick glue and an out-of-zone server
        sub     NS  ns.sub
                NS  ns.example.net.
                DS  60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118
        ns.sub  A   192.0.2.53
        """;

    internal static readonly DnsName s_origin = DnsName.Parse("example.com.");

    [Fact]
    public void A_realistic_zone_with_a_delegation_and_glue_loads()
    {
        DnsZone zone = DnsZone.Load(Realistic, s_origin);
        Assert.Equal(s_origin, zone.Origin);
        Assert.Equal("example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300", zone.Soa.ToString());
        Assert.Equal([DnsName.Parse("sub.example.com.")], zone.DelegationPoints);
        Assert.Equal(2, zone.GetRRset(DnsName.Parse("www.example.com."), DnsType.A).Count);
        Assert.Equal(2, zone.GetRRset(s_origin, DnsType.NS).Count);
        Assert.Single(zone.GetRRset(DnsName.Parse("NS.SUB.example.com."), DnsType.A));
        Assert.Empty(zone.GetRRset(DnsName.Parse("nothing.example.com."), DnsType.A));
        Assert.Equal([DnsType.NS, DnsType.DS], zone.GetTypes(DnsName.Parse("sub.example.com.")));
        Assert.Equal(10, zone.Names.Count);
        Assert.Equal(s_origin, zone.Names[0]);
        Assert.Equal(15, zone.RRsetCount);
    }

    [Fact]
    public void Identical_records_are_kept_once()
    {
        DnsZone zone = DnsZone.Load(Realistic + "\nwww A 192.0.2.10\n", s_origin);
        Assert.Equal(2, zone.GetRRset(DnsName.Parse("www.example.com."), DnsType.A).Count);
    }

    [Fact]
    public void Options_other_than_the_origin_are_kept()
    {
        DnsZone zone = DnsZone.Load("@ SOA ns h 1 2 3 4 5\n NS ns\nns A 192.0.2.1\n", DnsName.Parse("example."),
            new ZoneFileOptions { DefaultTtl = 42 });
        Assert.Equal(42u, zone.GetRRset(DnsName.Parse("ns.example."), DnsType.A)[0].Ttl);
        Assert.Equal(42u, zone.Soa.Ttl); // $TTL-like default applies before the RFC 2308 fallback
    }

    [Fact]
    public void Errors_from_the_reader_and_the_parser_surface()
    {
        Assert.Equal(2, Assert.Throws<ZoneFileException>(() => DnsZone.Load("$TTL 1\n@ SOA ns h 1 2 3\n", s_origin)).Line);
        Assert.Equal(2, Assert.Throws<ZoneFileException>(() => DnsZone.Load("$TTL 1\n@ BOGUS x\n", s_origin)).Line);
    }
}
