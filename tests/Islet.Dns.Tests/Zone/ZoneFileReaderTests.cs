using Islet.Dns.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneFileReaderTests
{
    internal const string Realistic = """
        $ORIGIN example.com.
        $TTL 1h
        @   IN  SOA ns1 hostmaster\.admin (   ; primary, then a mailbox with an escaped dot
                2024010101 ; serial
                2h         ; refresh
                15m        ; retry
                2w         ; expire
                300 )      ; minimum
                IN  NS  ns1
                    NS  ns2.example.net.
        ns1     300 IN A 192.0.2.1
                IN 300 AAAA 2001:db8::1
        www         A   192.0.2.10
        @           mx  10 mail
        mail    A   192.0.2.25
        txt     TXT "v=spf1 -all; not a comment" "say \"hi\"" plain ; a comment
        _sip._tcp   SRV 10 60 5060 sip
        @       CAA 0 issue "letsencrypt.org"
        *       A   192.0.2.99
        $ORIGIN sub.example.com.
        host    A   192.0.2.50
                type65534 \# 2 abcd
        abs.example.org.  ch 60 TXT "x"
        a\.b    A 192.0.2.7
        """;

    private static void AssertEntry(ZoneEntry entry, int line, string owner, uint? ttl, DnsClass dnsClass, string type, params string[] data)
    {
        Assert.Equal(line, entry.Line);
        Assert.Equal(owner, entry.Owner);
        Assert.Equal(ttl, entry.Ttl);
        Assert.Equal(dnsClass, entry.Class);
        Assert.Equal(type, entry.Type);
        Assert.Equal(data, entry.Data.Select(t => t.ToString()).ToArray());
        Assert.Null(entry.FileName);
    }

    [Fact]
    public void Reads_every_entry_of_a_realistic_zone()
    {
        IReadOnlyList<ZoneEntry> e = new ZoneFileReader().Read(Realistic);
        const DnsClass IN = DnsClass.Internet;
        Assert.Equal(16, e.Count);
        AssertEntry(e[0], 3, "example.com.", 3600, IN, "SOA", "ns1", @"hostmaster\.admin", "2024010101", "2h", "15m", "2w", "300");
        AssertEntry(e[1], 9, "example.com.", 3600, IN, "NS", "ns1");
        AssertEntry(e[2], 10, "example.com.", 3600, IN, "NS", "ns2.example.net.");
        AssertEntry(e[3], 11, "ns1.example.com.", 300, IN, "A", "192.0.2.1");
        AssertEntry(e[4], 12, "ns1.example.com.", 300, IN, "AAAA", "2001:db8::1");
        AssertEntry(e[5], 13, "www.example.com.", 3600, IN, "A", "192.0.2.10");
        AssertEntry(e[6], 14, "example.com.", 3600, IN, "MX", "10", "mail");
        AssertEntry(e[7], 15, "mail.example.com.", 3600, IN, "A", "192.0.2.25");
        AssertEntry(e[8], 16, "txt.example.com.", 3600, IN, "TXT", "\"v=spf1 -all; not a comment\"", "\"say \\\"hi\\\"\"", "plain");
        AssertEntry(e[9], 17, "_sip._tcp.example.com.", 3600, IN, "SRV", "10", "60", "5060", "sip");
        AssertEntry(e[10], 18, "example.com.", 3600, IN, "CAA", "0", "issue", "\"letsencrypt.org\"");
        AssertEntry(e[11], 19, "*.example.com.", 3600, IN, "A", "192.0.2.99");
        AssertEntry(e[12], 21, "host.sub.example.com.", 3600, IN, "A", "192.0.2.50");
        AssertEntry(e[13], 22, "host.sub.example.com.", 3600, IN, "TYPE65534", @"\#", "2", "abcd");
        AssertEntry(e[14], 23, "abs.example.org.", 60, DnsClass.Chaos, "TXT", "\"x\"");
        AssertEntry(e[15], 24, @"a\.b.sub.example.com.", 3600, DnsClass.Chaos, "A", "192.0.2.7");
    }

    [Fact]
    public void Quoted_tokens_keep_escapes_raw_and_are_flagged()
    {
        ZoneEntry txt = new ZoneFileReader().Read(Realistic)[8];
        Assert.Equal(new ZoneToken("v=spf1 -all; not a comment", true), txt.Data[0]);
        Assert.Equal(new ZoneToken("say \\\"hi\\\"", true), txt.Data[1]);
        Assert.Equal(new ZoneToken("plain", false), txt.Data[2]);
    }

    [Fact]
    public void Entries_carry_the_origin_in_effect()
    {
        IReadOnlyList<ZoneEntry> e = new ZoneFileReader().Read(Realistic);
        Assert.Equal("example.com.", e[6].Origin);
        Assert.Equal("sub.example.com.", e[12].Origin);
    }

    [Fact]
    public void Ttl_and_class_may_come_in_either_order()
    {
        var reader = new ZoneFileReader(new ZoneFileOptions { Origin = "example." });
        IReadOnlyList<ZoneEntry> e = reader.Read("a 60 IN A 1\nb IN 70 A 2\nc HS A 3\nd 80 A 4\n");
        Assert.Equal((60u, DnsClass.Internet), (e[0].Ttl!.Value, e[0].Class));
        Assert.Equal((70u, DnsClass.Internet), (e[1].Ttl!.Value, e[1].Class));
        Assert.Equal((70u, DnsClass.Hesiod), (e[2].Ttl!.Value, e[2].Class));
        Assert.Equal((80u, DnsClass.Hesiod), (e[3].Ttl!.Value, e[3].Class));
    }

    [Fact]
    public void Previous_ttl_is_used_without_dollar_ttl_and_dollar_ttl_wins_over_it()
    {
        var reader = new ZoneFileReader(new ZoneFileOptions { Origin = "example." });
        IReadOnlyList<ZoneEntry> e = reader.Read("a 60 A 1\nb A 2\n$TTL 5m\nc A 3\nd 9 A 4\ne A 5\n");
        Assert.Equal(new uint?[] { 60, 60, 300, 9, 300 }, e.Select(x => x.Ttl).ToArray());
    }

    [Fact]
    public void Rfc3597_generic_class_and_type_are_accepted()
    {
        ZoneEntry e = new ZoneFileReader().Read("a. 1 CLASS32 TYPE0001 \\# 0\n")[0];
        Assert.Equal((DnsClass)32, e.Class);
        Assert.Equal("TYPE1", e.Type);
        Assert.Equal([new ZoneToken(@"\#", false), new ZoneToken("0", false)], e.Data);
    }

    [Fact]
    public void Soa_without_any_ttl_has_a_null_ttl_and_its_minimum_becomes_the_previous_ttl()
    {
        IReadOnlyList<ZoneEntry> e = new ZoneFileReader().Read("x. SOA a. b. 1 2 3 4 5\nx. NS a.\n");
        Assert.Null(e[0].Ttl);
        Assert.Equal(5u, e[1].Ttl);
    }

    [Fact]
    public void Options_origin_and_default_ttl_apply_from_the_start()
    {
        var reader = new ZoneFileReader(new ZoneFileOptions { Origin = "example.", DefaultTtl = 42 });
        ZoneEntry e = reader.Read("@ A 1")[0];
        Assert.Equal(("example.", 42u), (e.Owner, e.Ttl!.Value));
    }

    [Fact]
    public void Root_origin_and_root_owner_are_handled()
    {
        var reader = new ZoneFileReader(new ZoneFileOptions { Origin = ".", DefaultTtl = 1 });
        IReadOnlyList<ZoneEntry> e = reader.Read(". NS a\n@ NS b\ncom NS c\n");
        Assert.Equal([".", ".", "com."], e.Select(x => x.Owner));
    }

    [Fact]
    public void Crlf_line_ends_and_tabs_are_blanks()
    {
        IReadOnlyList<ZoneEntry> e = new ZoneFileReader().Read("a.\t1\tA\t1\r\n\tA\t2\r\n");
        Assert.Equal(2, e.Count);
        Assert.Equal(("a.", 2), (e[1].Owner, e[1].Line));
    }

    [Fact]
    public void A_parenthesis_in_a_comment_or_a_quoted_string_does_not_count()
    {
        ZoneEntry e = new ZoneFileReader().Read("a. 1 TXT ( x ; ) not closed here\n \")\" y ) ; (\n")[0];
        Assert.Equal([new ZoneToken("x", false), new ZoneToken(")", true), new ZoneToken("y", false)], e.Data);
    }

    [Fact]
    public void Reads_from_a_text_reader()
    {
        using var text = new StringReader(Realistic);
        Assert.Equal(16, new ZoneFileReader().Read(text).Count);
    }

    [Fact]
    public void Invalid_options_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => new ZoneFileReader(new ZoneFileOptions { Origin = "relative" }));
    }
}
