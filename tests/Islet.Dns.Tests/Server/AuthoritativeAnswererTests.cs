using Islet.Dns.Server;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

public sealed class AuthoritativeAnswererTests
{
    private const string NegativeSoa = "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300";

    [Fact]
    public void An_exact_match_is_authoritative_and_copies_id_rd_and_question()
    {
        DnsMessage r = Ask("www.example.com.", DnsType.A);
        Assert.True(r.Header.IsResponse);
        Assert.True(r.Header.IsAuthoritative);
        Assert.True(r.Header.RecursionDesired);
        Assert.False(r.Header.RecursionAvailable);
        Assert.Equal(0x1234, r.Header.Id);
        Assert.Equal(0, r.Header.Rcode);
        Assert.Equal("www.example.com. A", $"{r.Questions[0].Name} {r.Questions[0].Type}");
        Assert.Equal(["www.example.com. 3600 IN A 192.0.2.10"], Lines(r.Answers));
        Assert.Empty(r.Authority);
        Assert.Null(r.Edns);
    }

    [Fact]
    public void A_cname_chain_is_followed_inside_the_zone()
    {
        DnsMessage r = Ask("ALIAS.example.com.", DnsType.A);
        Assert.True(r.Header.IsAuthoritative);
        Assert.Equal(0, r.Header.Rcode);
        Assert.Equal([
            "alias.example.com. 3600 IN CNAME alias2.example.com.",
            "alias2.example.com. 3600 IN CNAME www.example.com.",
            "www.example.com. 3600 IN A 192.0.2.10"], Lines(r.Answers));
    }

    [Fact]
    public void A_cname_query_returns_the_cname_without_following_it()
    {
        DnsMessage r = Ask("alias.example.com.", DnsType.CNAME);
        Assert.Equal(["alias.example.com. 3600 IN CNAME alias2.example.com."], Lines(r.Answers));
    }

    [Fact]
    public void A_cname_loop_stops_and_a_cname_out_of_zone_is_not_followed()
    {
        DnsMessage loop = Ask("loop1.example.com.", DnsType.A);
        Assert.Equal(0, loop.Header.Rcode);
        Assert.Equal(2, loop.Answers.Count);
        DnsMessage outside = Ask("out.example.com.", DnsType.A);
        Assert.Equal(["out.example.com. 3600 IN CNAME www.example.org."], Lines(outside.Answers));
        DnsMessage dangling = Ask("dangling.example.com.", DnsType.A);
        Assert.Equal(3, dangling.Header.Rcode);
        Assert.Single(dangling.Answers);
        Assert.Equal([NegativeSoa], Lines(dangling.Authority));
    }

    [Fact]
    public void A_wildcard_is_synthesised_with_the_query_name_as_owner()
    {
        DnsMessage r = Ask("x.y.wild.example.com.", DnsType.A);
        Assert.True(r.Header.IsAuthoritative);
        Assert.Equal(0, r.Header.Rcode);
        Assert.Equal(["x.y.wild.example.com. 3600 IN A 192.0.2.99"], Lines(r.Answers));
        DnsMessage nodata = Ask("z.wild.example.com.", DnsType.MX);
        Assert.Equal(0, nodata.Header.Rcode);
        Assert.Empty(nodata.Answers);
        Assert.Equal([NegativeSoa], Lines(nodata.Authority));
        DnsMessage cname = Ask("q.wcname.example.com.", DnsType.AAAA);
        Assert.Equal(["q.wcname.example.com. 3600 IN CNAME www.example.com.", "www.example.com. 3600 IN AAAA 2001:db8::10"], Lines(cname.Answers));
    }

    [Fact]
    public void An_existing_name_blocks_the_wildcard()
    {
        DnsMessage r = Ask("exists.wild.example.com.", DnsType.TXT);
        Assert.Equal(0, r.Header.Rcode);
        Assert.Empty(r.Answers);
        Assert.Equal([NegativeSoa], Lines(r.Authority));
        // Below an existing name the closest encloser is that name, which has no "*" child.
        DnsMessage below = Ask("x.exists.wild.example.com.", DnsType.A);
        Assert.Equal(3, below.Header.Rcode);
    }

    [Fact]
    public void An_empty_non_terminal_is_nodata_not_nxdomain()
    {
        DnsMessage r = Ask("b.ent.example.com.", DnsType.A);
        Assert.True(r.Header.IsAuthoritative);
        Assert.Equal(0, r.Header.Rcode);
        Assert.Empty(r.Answers);
        Assert.Equal([NegativeSoa], Lines(r.Authority));
        Assert.Equal(0, Ask("ent.example.com.", DnsType.A).Header.Rcode);
    }

    [Fact]
    public void A_name_at_or_below_a_delegation_gets_a_referral_with_glue()
    {
        foreach (string name in (string[])["sub.example.com.", "deep.www.sub.example.com.", "ns.sub.example.com."])
        {
            DnsMessage r = Ask(name, DnsType.A);
            Assert.False(r.Header.IsAuthoritative);
            Assert.Equal(0, r.Header.Rcode);
            Assert.Empty(r.Answers);
            Assert.Equal(["sub.example.com. 3600 IN NS ns.sub.example.com.", "sub.example.com. 3600 IN NS ns.example.net."], Lines(r.Authority));
            Assert.Equal(["ns.sub.example.com. 3600 IN A 192.0.2.53", "ns.sub.example.com. 3600 IN AAAA 2001:db8::53"], Lines(r.Additional));
        }
    }

    [Fact]
    public void A_missing_name_is_nxdomain_with_the_soa_at_the_negative_ttl()
    {
        DnsMessage r = Ask("nope.example.com.", DnsType.A);
        Assert.True(r.Header.IsAuthoritative);
        Assert.Equal(3, r.Header.Rcode);
        Assert.Empty(r.Answers);
        Assert.Equal([NegativeSoa], Lines(r.Authority));
    }

    [Fact]
    public void A_missing_type_is_nodata()
    {
        DnsMessage r = Ask("www.example.com.", DnsType.MX);
        Assert.True(r.Header.IsAuthoritative);
        Assert.Equal(0, r.Header.Rcode);
        Assert.Empty(r.Answers);
        Assert.Equal([NegativeSoa], Lines(r.Authority));
    }

    [Fact]
    public void A_name_in_no_zone_is_refused()
    {
        DnsMessage r = Ask("www.example.org.", DnsType.A);
        Assert.Equal(5, r.Header.Rcode);
        Assert.False(r.Header.IsAuthoritative);
        Assert.Empty(r.Answers);
    }

    [Fact]
    public void An_opcode_other_than_query_is_notimp()
    {
        DnsMessage r = s_answerer.Value.Answer(Query("www.example.com.", DnsType.A, opcode: 4));
        Assert.Equal(4, r.Header.Rcode);
        Assert.Equal(4, r.Header.Opcode);
        Assert.Empty(r.Answers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_question_count_other_than_one_is_formerr(int count)
    {
        var q = new DnsMessage
        {
            Header = new DnsHeader { Id = 7 },
            Questions = [.. Enumerable.Repeat(new DnsQuestion(DnsName.Parse("www.example.com."), DnsType.A), count)],
        };
        DnsMessage r = s_answerer.Value.Answer(q);
        Assert.Equal(1, r.Header.Rcode);
        Assert.Equal(7, r.Header.Id);
        Assert.Empty(r.Questions);
    }

    [Fact]
    public void Any_returns_every_rrset_at_the_name()
    {
        DnsMessage r = Ask("example.com.", DnsType.ANY);
        Assert.True(r.Header.IsAuthoritative);
        Assert.Equal([DnsType.NS, DnsType.SOA, DnsType.MX], r.Answers.Select(a => a.Type).Distinct().Order());
    }

    [Fact]
    public void Mx_srv_and_ns_targets_in_the_zone_get_addresses_in_additional()
    {
        Assert.Equal(["mail.example.com. 3600 IN A 192.0.2.25"], Lines(Ask("example.com.", DnsType.MX).Additional));
        Assert.Equal(["www.example.com. 3600 IN A 192.0.2.10", "www.example.com. 3600 IN AAAA 2001:db8::10"],
            Lines(Ask("_sip._tcp.example.com.", DnsType.SRV).Additional));
        Assert.Equal(["ns1.example.com. 3600 IN A 192.0.2.1", "ns1.example.com. 3600 IN AAAA 2001:db8::1"],
            Lines(Ask("example.com.", DnsType.NS).Additional));
    }

    [Fact]
    public void Edns_is_answered_with_opt_1232_and_a_higher_version_gets_badvers()
    {
        DnsMessage r = Ask("www.example.com.", DnsType.A, edns: true);
        Assert.NotNull(r.Edns);
        Assert.Equal(1232, r.Edns.UdpPayloadSize);
        Assert.Equal(0, r.Edns.Version);
        DnsMessage q = Query("www.example.com.", DnsType.A) is var m ? new DnsMessage { Header = m.Header, Questions = m.Questions, Edns = new DnsEdns { Version = 1 } } : null!;
        DnsMessage bad = s_answerer.Value.Answer(q);
        Assert.Equal(0, bad.Header.Rcode);
        Assert.Equal(1, bad.Edns!.ExtendedRcode);
        Assert.Equal(0, bad.Edns.Version);
        Assert.Empty(bad.Answers);
    }

    [Fact]
    public void A_large_rrset_is_truncated_at_512_without_edns_but_fits_with_it()
    {
        byte[] query = new byte[512];
        byte[] response = new byte[4096];
        AuthoritativeAnswerer answerer = s_answerer.Value;
        int qlen = DnsMessageWriter.Write(Query("big.example.com.", DnsType.TXT), query);
        Assert.True(answerer.TryAnswer(query.AsSpan(0, qlen), response, 65535, out int length));
        Assert.True(length <= 512);
        DnsMessage small = DnsMessage.Parse(response.AsSpan(0, length));
        Assert.True(small.Header.IsTruncated);
        Assert.True(small.Answers.Count < 12);
        qlen = DnsMessageWriter.Write(Query("big.example.com.", DnsType.TXT, edns: true), query);
        Assert.True(answerer.TryAnswer(query.AsSpan(0, qlen), response, 65535, out length));
        DnsMessage large = DnsMessage.Parse(response.AsSpan(0, length));
        Assert.False(large.Header.IsTruncated);
        Assert.Equal(12, large.Answers.Count);
        Assert.True(length <= 1232);
    }

    [Fact]
    public void Unparseable_bytes_get_formerr_when_the_header_is_readable_and_nothing_otherwise()
    {
        byte[] response = new byte[512];
        byte[] garbage = [0xAB, 0xCD, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, (byte)'a'];
        Assert.True(s_answerer.Value.TryAnswer(garbage, response, 512, out int length));
        DnsMessage r = DnsMessage.Parse(response.AsSpan(0, length));
        Assert.Equal(0xABCD, r.Header.Id);
        Assert.Equal(1, r.Header.Rcode);
        Assert.False(s_answerer.Value.TryAnswer(garbage.AsSpan(0, 5), response, 512, out _));
        garbage[2] |= 0x80;
        Assert.False(s_answerer.Value.TryAnswer(garbage, response, 512, out _));
    }

    [Fact]
    public void The_most_specific_zone_answers()
    {
        DnsZone parent = DnsZone.Load("@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n", DnsName.Parse("example."), new Islet.Dns.Zone.ZoneFileOptions { DefaultTtl = 60 });
        DnsZone child = DnsZone.Load("@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 192.0.2.2\n", DnsName.Parse("child.example."), new Islet.Dns.Zone.ZoneFileOptions { DefaultTtl = 60 });
        var answerer = new AuthoritativeAnswerer(parent, child);
        DnsMessage r = answerer.Answer(Query("ns.child.example.", DnsType.A));
        Assert.Equal(["ns.child.example. 60 IN A 192.0.2.2"], Lines(r.Answers));
    }
}
