using System.Net;
using Islet.Dns.Resolver;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Resolver;

/// <summary>The cache with explicit time: answers from the shared example.com zone (TTL 3600, SOA
/// TTL 3600 and MINIMUM 300) stored at t = 0 and looked up later.</summary>
public sealed class DnsCacheTests
{
    private const long Second = 1_000_000_000L;

    private static DnsQuestion Q(string name, DnsType type) => new(DnsName.Parse(name), type);

    private static DnsCache Filled(string name, DnsType type, DnsCache? cache = null, long now = 0)
    {
        cache ??= new DnsCache();
        cache.Store(Q(name, type), Ask(name, type), now);
        return cache;
    }

    [Fact]
    public void Positive_entry_lives_for_its_ttl_and_then_expires()
    {
        DnsCache cache = Filled("www.example.com.", DnsType.A);
        DnsQueryResult? hit = cache.Lookup(Q("www.example.com.", DnsType.A), 3600 * Second - 1);
        Assert.NotNull(hit);
        Assert.True(hit.FromCache);
        Assert.Equal(["www.example.com. 0 IN A 192.0.2.10"], Lines(hit.Answers));
        Assert.Null(cache.Lookup(Q("www.example.com.", DnsType.A), 3600 * Second));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Ttls_come_back_lowered_by_the_elapsed_time()
    {
        DnsCache cache = Filled("www.example.com.", DnsType.AAAA, now: 5 * Second);
        DnsQueryResult hit = cache.Lookup(Q("WWW.Example.COM.", DnsType.AAAA), 105 * Second + Second / 2)!;
        Assert.Equal(["www.example.com. 3499 IN AAAA 2001:db8::10"], Lines(hit.Answers));
        Assert.Equal(DnsResponseCode.NoError, hit.Rcode);
        Assert.False(hit.IsNoData);
    }

    [Fact]
    public void An_rrset_lives_for_its_smallest_ttl_and_is_capped_at_the_maximum()
    {
        var name = DnsName.Parse("h.example.");
        var response = new DnsMessage
        {
            Header = new DnsHeader { IsResponse = true },
            Questions = [new DnsQuestion(name, DnsType.A)],
            Answers =
            [
                new DnsRecord(name, DnsClass.Internet, 100, new ARecordData(IPAddress.Parse("192.0.2.1"))),
                new DnsRecord(name, DnsClass.Internet, 50, new ARecordData(IPAddress.Parse("192.0.2.2"))),
            ],
        };
        var cache = new DnsCache();
        cache.Store(response.Questions[0], response, 0);
        Assert.Equal(["h.example. 50 IN A 192.0.2.1", "h.example. 50 IN A 192.0.2.2"], Lines(cache.Lookup(response.Questions[0], 0)!.Answers));
        Assert.Null(cache.Lookup(response.Questions[0], 50 * Second));

        var capped = new DnsCache(maxTtl: TimeSpan.FromSeconds(10));
        capped.Store(response.Questions[0], response, 0);
        Assert.Equal(10u, capped.Lookup(response.Questions[0], 0)!.Answers[0].Ttl);
        Assert.Null(capped.Lookup(response.Questions[0], 10 * Second));
    }

    [Fact]
    public void Zero_ttl_and_top_bit_ttl_answers_are_not_cached()
    {
        var name = DnsName.Parse("z.example.");
        foreach (uint ttl in new uint[] { 0, 0x8000_0000 })
        {
            var response = new DnsMessage
            {
                Header = new DnsHeader { IsResponse = true },
                Questions = [new DnsQuestion(name, DnsType.A)],
                Answers = [new DnsRecord(name, DnsClass.Internet, ttl, new ARecordData(IPAddress.Parse("192.0.2.1")))],
            };
            var cache = new DnsCache();
            cache.Store(response.Questions[0], response, 0);
            Assert.Equal(0, cache.Count);
        }
    }

    [Fact]
    public void Nxdomain_is_cached_for_every_type_for_the_soa_minimum()
    {
        DnsCache cache = Filled("nope.example.com.", DnsType.A);
        DnsQueryResult hit = cache.Lookup(Q("nope.example.com.", DnsType.TXT), 300 * Second - 1)!;
        Assert.Equal(DnsResponseCode.NameError, hit.Rcode);
        Assert.Empty(hit.Answers);
        Assert.Null(cache.Lookup(Q("nope.example.com.", DnsType.A), 300 * Second));
    }

    [Fact]
    public void Nodata_is_cached_per_type_and_capped_at_the_negative_maximum()
    {
        DnsCache cache = Filled("www.example.com.", DnsType.MX, new DnsCache(maxNegativeTtl: TimeSpan.FromSeconds(60)));
        DnsQueryResult hit = cache.Lookup(Q("www.example.com.", DnsType.MX), 59 * Second)!;
        Assert.True(hit.IsNoData);
        Assert.Null(cache.Lookup(Q("www.example.com.", DnsType.TXT), 0));
        Assert.Null(cache.Lookup(Q("www.example.com.", DnsType.MX), 60 * Second));
    }

    [Fact]
    public void A_negative_answer_without_an_soa_in_bailiwick_is_not_cached()
    {
        var name = DnsName.Parse("gone.example.com.");
        var soa = new DnsRecord(DnsName.Parse("example.org."), DnsClass.Internet, 3600,
            new SoaRecordData(DnsName.Parse("ns.example.org."), DnsName.Parse("h.example.org."), 1, 2, 3, 4, 300));
        foreach (IReadOnlyList<DnsRecord> authority in new IReadOnlyList<DnsRecord>[] { [], [soa] })
        {
            var response = new DnsMessage
            {
                Header = new DnsHeader { IsResponse = true, Rcode = 3 },
                Questions = [new DnsQuestion(name, DnsType.A)],
                Authority = authority,
            };
            var cache = new DnsCache();
            cache.Store(response.Questions[0], response, 0);
            Assert.Equal(0, cache.Count);
        }
    }

    [Fact]
    public void Cname_links_are_cached_and_followed_by_later_lookups()
    {
        DnsCache cache = Filled("alias.example.com.", DnsType.A);
        Assert.Equal(3, cache.Count); // alias CNAME, alias2 CNAME, www A
        DnsQueryResult hit = cache.Lookup(Q("alias.example.com.", DnsType.A), 10 * Second)!;
        Assert.Equal(
            ["alias.example.com. 3590 IN CNAME alias2.example.com.", "alias2.example.com. 3590 IN CNAME www.example.com.", "www.example.com. 3590 IN A 192.0.2.10"],
            Lines(hit.Answers));
        Assert.Equal(DnsName.Parse("www.example.com."), hit.CanonicalName);
        Assert.Single(hit.Records);
        Assert.NotNull(cache.Lookup(Q("alias2.example.com.", DnsType.A), 0));
        Assert.Null(cache.Lookup(Q("alias.example.com.", DnsType.AAAA), 0)); // the chain is known, its end is not
        Filled("www.example.com.", DnsType.AAAA, cache);
        Assert.Equal("www.example.com. 3600 IN AAAA 2001:db8::10", Lines(cache.Lookup(Q("alias.example.com.", DnsType.AAAA), 0)!.Answers)[^1]);
        Assert.Equal("alias.example.com. 3600 IN CNAME alias2.example.com.", Lines(cache.Lookup(Q("alias.example.com.", DnsType.CNAME), 0)!.Answers)[0]);
    }

    [Fact]
    public void Nxdomain_at_the_end_of_a_chain_is_cached_for_the_target()
    {
        DnsCache cache = Filled("dangling.example.com.", DnsType.A);
        DnsQueryResult hit = cache.Lookup(Q("dangling.example.com.", DnsType.AAAA), 0)!;
        Assert.Equal(DnsResponseCode.NameError, hit.Rcode);
        Assert.Equal(DnsName.Parse("nowhere.example.com."), hit.CanonicalName);
        Assert.Equal(["dangling.example.com. 3600 IN CNAME nowhere.example.com."], Lines(hit.Answers));
    }

    [Fact]
    public void A_cname_loop_stores_the_links_but_nothing_negative()
    {
        DnsCache cache = Filled("loop1.example.com.", DnsType.A);
        Assert.All(cache.Entries, e => Assert.Equal(DnsType.CNAME, e.Key.Type));
        Assert.Null(cache.Lookup(Q("loop1.example.com.", DnsType.A), 0));
    }

    [Fact]
    public void Records_outside_the_chain_are_ignored()
    {
        var name = DnsName.Parse("www.example.com.");
        var evil = DnsName.Parse("bank.example.net.");
        var response = new DnsMessage
        {
            Header = new DnsHeader { IsResponse = true },
            Questions = [new DnsQuestion(name, DnsType.A)],
            Answers =
            [
                new DnsRecord(name, DnsClass.Internet, 300, new ARecordData(IPAddress.Parse("192.0.2.10"))),
                new DnsRecord(evil, DnsClass.Internet, 300, new ARecordData(IPAddress.Parse("203.0.113.66"))),
                new DnsRecord(name, DnsClass.Internet, 300, new TxtRecordData("not asked")),
            ],
            Additional = [new DnsRecord(evil, DnsClass.Internet, 300, new ARecordData(IPAddress.Parse("203.0.113.67")))],
        };
        var cache = new DnsCache();
        cache.Store(response.Questions[0], response, 0);
        CacheKeyIs(Assert.Single(cache.Entries).Key, name, DnsType.A);
        Assert.Null(cache.Lookup(new DnsQuestion(evil, DnsType.A), 0));
    }

    [Fact]
    public void A_full_cache_evicts_the_least_recently_used_entry()
    {
        var cache = new DnsCache(capacity: 2);
        Filled("www.example.com.", DnsType.A, cache);
        Filled("mail.example.com.", DnsType.A, cache);
        Assert.NotNull(cache.Lookup(Q("www.example.com.", DnsType.A), 0)); // mail is now the oldest
        Filled("ns1.example.com.", DnsType.A, cache);
        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Lookup(Q("mail.example.com.", DnsType.A), 0));
        Assert.NotNull(cache.Lookup(Q("www.example.com.", DnsType.A), 0));
        Assert.NotNull(cache.Lookup(Q("ns1.example.com.", DnsType.A), 0));
    }

    [Fact]
    public void A_later_positive_answer_replaces_a_cached_nxdomain()
    {
        DnsCache cache = Filled("nope.example.com.", DnsType.A);
        var name = DnsName.Parse("nope.example.com.");
        var response = new DnsMessage
        {
            Header = new DnsHeader { IsResponse = true },
            Questions = [new DnsQuestion(name, DnsType.A)],
            Answers = [new DnsRecord(name, DnsClass.Internet, 60, new ARecordData(IPAddress.Parse("192.0.2.5")))],
        };
        cache.Store(response.Questions[0], response, Second);
        Assert.Equal(DnsResponseCode.NoError, cache.Lookup(Q("nope.example.com.", DnsType.A), Second)!.Rcode);
        Assert.Null(cache.Lookup(Q("nope.example.com.", DnsType.AAAA), Second));
    }

    [Fact]
    public void Failure_codes_and_truncated_responses_are_not_cached()
    {
        var cache = new DnsCache();
        DnsMessage good = Ask("www.example.com.", DnsType.A);
        cache.Store(Q("www.example.com.", DnsType.A), new DnsMessage { Header = good.Header with { Rcode = 2 }, Questions = good.Questions, Answers = good.Answers }, 0);
        cache.Store(Q("www.example.com.", DnsType.A), new DnsMessage { Header = good.Header with { IsTruncated = true }, Questions = good.Questions, Answers = good.Answers }, 0);
        Assert.Equal(0, cache.Count);
    }

    private static void CacheKeyIs(Islet.Dns.Resolver.Internal.CacheKey key, DnsName name, DnsType type)
    {
        Assert.Equal(name, key.Name);
        Assert.Equal(type, key.Type);
    }
}
