using Islet.Dns.Wire;
using Islet.Dns.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneRecordParserTests
{
    internal static DnsRecord ParseOne(string line, string origin = "example.com.")
    {
        IReadOnlyList<ZoneEntry> entries = new ZoneFileReader(new ZoneFileOptions { Origin = origin, DefaultTtl = 300 }).Read(line);
        Assert.Single(entries);
        return ZoneRecordParser.Parse(entries[0]);
    }

    [Theory]
    [InlineData("a A 192.0.2.1", "a.example.com. 300 IN A 192.0.2.1")]
    [InlineData("a AAAA 2001:db8::1", "a.example.com. 300 IN AAAA 2001:db8::1")]
    [InlineData("@ NS ns1", "example.com. 300 IN NS ns1.example.com.")]
    [InlineData("w CNAME www.example.org.", "w.example.com. 300 IN CNAME www.example.org.")]
    [InlineData("1 PTR @", "1.example.com. 300 IN PTR example.com.")]
    [InlineData("@ 60 SOA ns1 host\\.master 7 2h 15m 2w 1d",
        "example.com. 60 IN SOA ns1.example.com. host\\.master.example.com. 7 7200 900 1209600 86400")]
    [InlineData("@ MX 10 mail", "example.com. 300 IN MX 10 mail.example.com.")]
    [InlineData("t TXT \"a b\" c", "t.example.com. 300 IN TXT \"a b\" \"c\"")]
    [InlineData("_sip._tcp SRV 10 60 5060 sip", "_sip._tcp.example.com. 300 IN SRV 10 60 5060 sip.example.com.")]
    [InlineData("@ CAA 128 issue \"ca.example.net\"", "example.com. 300 IN CAA 128 issue \"ca.example.net\"")]
    [InlineData("s DS 60485 5 1 2BB183AF5F22588179A53B0A 98631FAD1A292118", "s.example.com. 300 IN DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118")]
    [InlineData("@ DNSKEY 256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3 Cbl+BBZH4b/0PY1kxkmvHjcZc8no kfzj31GajIQKY+5CptLr3buXA10h WqTkF7H6RfoRqXQeogmMHfpftf6z Mv1LyBUgia7za6ZEzOJBOztyvhjL 742iU/TpPSEDhm2SNKLijfUppn1U aNvv4w==",
        "example.com. 300 IN DNSKEY 256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w==")]
    [InlineData("host RRSIG A 5 3 86400 20030322173103 20030220173103 2642 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip 8WTrPYGv07h108dUKGMeDPKijVCHX3DD Kdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz 8bW0Rznl8O3tGNazPwQKkRN20XPXV6nw wfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBz eDQfsS3Ap3o=",
        "host.example.com. 300 IN RRSIG A 5 3 86400 20030322173103 20030220173103 2642 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=")]
    [InlineData("alfa NSEC host A MX RRSIG NSEC TYPE1234", "alfa.example.com. 300 IN NSEC host.example.com. A MX RRSIG NSEC TYPE1234")]
    [InlineData("x TYPE65534 \\# 2 abcd", "x.example.com. 300 IN TYPE65534 \\# 2 ABCD")]
    [InlineData("x TYPE731 \\# 0", "x.example.com. 300 IN TYPE731 \\# 0")]
    [InlineData("x TYPE1 \\# 4 C0000201", "x.example.com. 300 IN A 192.0.2.1")]
    [InlineData("x A \\# 4 c0 00 02 02", "x.example.com. 300 IN A 192.0.2.2")]
    [InlineData("x MX \\# 5 000A 01 61 00 ", "x.example.com. 300 IN MX 10 a.")]
    public void Each_type_round_trips_to_presentation_text(string line, string expected)
    {
        DnsRecord record = ParseOne(line);
        Assert.Equal(expected, record.ToString());
        string data = expected.Split(' ', 5)[4];
        string owner = expected.Split(' ')[0];
        string type = expected.Split(' ')[3];
        DnsRecord again = ParseOne($"{owner} {record.Ttl} IN {type} {data}");
        Assert.Equal(expected, again.ToString());
    }

    [Fact]
    public void Rrsig_times_may_be_integers()
    {
        var data = (RrsigRecordData)ParseOne("@ RRSIG SOA 8 2 60 1048354263 1045762263 1 . AA==").Data;
        Assert.Equal(1048354263u, data.Expiration);
        Assert.Equal("20030322173103", data.ToString().Split(' ')[4]);
    }

    [Fact]
    public void Txt_escapes_decode_to_bytes()
    {
        var data = (TxtRecordData)ParseOne("t TXT \"say \\\"hi\\\"\" back\\\\slash \\065\\255 \"\" é").Data;
        Assert.Equal("say \"hi\"", System.Text.Encoding.ASCII.GetString(data.Strings[0]));
        Assert.Equal("back\\slash", System.Text.Encoding.ASCII.GetString(data.Strings[1]));
        Assert.Equal(new byte[] { 65, 255 }, data.Strings[2]);
        Assert.Empty(data.Strings[3]);
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, data.Strings[4]);
        Assert.Equal("\"say \\\"hi\\\"\" \"back\\\\slash\" \"A\\255\" \"\" \"\\195\\169\"", data.ToString());
    }

    [Fact]
    public void Txt_strings_hold_at_most_255_bytes()
    {
        Assert.Equal(255, ((TxtRecordData)ParseOne("t TXT " + new string('a', 255)).Data).Strings[0].Length);
        var e = Assert.Throws<ZoneFileException>(() => ParseOne("t TXT \"" + new string('a', 256) + "\""));
        Assert.Contains("255", e.Reason);
    }

    [Fact]
    public void Relative_names_resolve_against_the_entry_origin()
    {
        var record = ParseOne("$ORIGIN sub.example.com.\nm MX 5 mx\n");
        Assert.Equal("m.sub.example.com. 300 IN MX 5 mx.sub.example.com.", record.ToString());
        Assert.Equal("example.com. 300 IN NS example.com.", ParseOne("@ NS @").ToString());
    }

    [Fact]
    public void An_soa_without_ttl_takes_its_minimum()
    {
        IReadOnlyList<ZoneEntry> entries = new ZoneFileReader(new ZoneFileOptions { Origin = "example." }).Read("@ SOA ns h 1 2 3 4 1h\n");
        Assert.Null(entries[0].Ttl);
        Assert.Equal(3600u, ZoneRecordParser.Parse(entries[0]).Ttl);
    }

    [Theory]
    [InlineData("a A 192.0.2", "IPv4")]
    [InlineData("a A 2001:db8::1", "IPv4")]
    [InlineData("a AAAA 192.0.2.1", "IPv6")]
    [InlineData("a A 192.0.2.1 extra", "unexpected")]
    [InlineData("a MX 65536 b", "preference")]
    [InlineData("a MX 10", "missing")]
    [InlineData("a SOA ns h 1 2 3 4 x", "minimum")]
    [InlineData("a DS 1 2 3 ABC", "odd")]
    [InlineData("a DS 1 2 3 XY", "hexadecimal")]
    [InlineData("a DNSKEY 256 3 5 !!!!", "base64")]
    [InlineData("a RRSIG A 5 3 60 20031399000000 1 1 . AA==", "expiration")]
    [InlineData("a NSEC b BOGUS", "unknown type")]
    [InlineData("a CAA 0 is-sue \"x\"", "CAA tag")]
    [InlineData("a TYPE99 \\# 3 abcd", "announced")]
    [InlineData("a TYPE99 1 2", "generic")]
    [InlineData("a A \\# 3 c00002", "not a valid A")]
    [InlineData("a OPT \\# 0", "meta type")]
    [InlineData("a TXT \"\\1x\"", "three digits")]
    [InlineData("a TXT \\256", "above 255")]
    [InlineData("a CNAME b..c", "bad canonical name")]
    public void Malformed_rdata_throws_with_the_line(string line, string reason)
    {
        var e = Assert.Throws<ZoneFileException>(() => ParseOne("\n\n" + line));
        Assert.Equal(3, e.Line);
        Assert.Contains(reason, e.Reason, StringComparison.OrdinalIgnoreCase);
    }
}
