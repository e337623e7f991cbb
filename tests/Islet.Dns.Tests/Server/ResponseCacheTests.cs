using Islet.Dns.Server;
using Islet.Dns.Server.Internal;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

/// <summary>The server's response cache: a hit must be byte-identical to a fresh answer, apart from the id.</summary>
public sealed class ResponseCacheTests
{
    [Fact]
    public void A_repeated_query_gets_the_stored_bytes_with_its_own_id()
    {
        var cache = new ResponseCache();
        byte[] first = DnsWireClient.Encode(Query("www.example.com", DnsType.A, id: 1));
        byte[] second = DnsWireClient.Encode(Query("www.example.com", DnsType.A, id: 2));
        byte[] fresh = Answer(second);
        Assert.True(QueryShape.IsPlainQuery(first));
        cache.Add(first, Answer(first));
        byte[] buffer = new byte[1232];
        Assert.True(cache.TryGet(second, buffer, out int length));
        Assert.Equal(fresh, buffer[..length]);
        Assert.False(cache.TryGet(DnsWireClient.Encode(Query("WWW.example.com", DnsType.A, id: 2)), buffer, out _));
    }

    [Fact]
    public void Transfers_updates_and_signed_queries_are_not_plain()
    {
        Assert.False(QueryShape.IsPlainQuery(DnsWireClient.Encode(Query("example.com", DnsType.AXFR))));
        Assert.False(QueryShape.IsPlainQuery(DnsWireClient.Encode(Query("example.com", DnsType.IXFR))));
        Assert.False(QueryShape.IsPlainQuery(DnsWireClient.Encode(Query("example.com", DnsType.SOA, opcode: 5))));
        var signed = new DnsMessage
        {
            Header = new DnsHeader { Id = 7 },
            Questions = [new DnsQuestion(DnsName.Parse("example.com."), DnsType.SOA)],
            Additional = [new DnsRecord(DnsName.Parse("key."), DnsClass.Any, 0, new UnknownRecordData(DnsType.TSIG, [1, 2, 3]))],
        };
        Assert.False(QueryShape.IsPlainQuery(DnsWireClient.Encode(signed)));
        Assert.True(QueryShape.IsPlainQuery(DnsWireClient.Encode(Query("example.com", DnsType.SOA, edns: true))));
        Assert.False(QueryShape.IsPlainQuery([1, 2, 3]));
    }

    [Fact]
    public void Random_and_repeated_queries_answered_through_the_cache_match_fresh_answers()
    {
        var random = new Random(6);
        var cache = new ResponseCache(maxEntries: 200);
        string[] names = ["www.example.com", "WwW.Example.com", "nope.example.com", "big.example.com", "x.wild.example.com", "sub.example.com", "alias.example.com", "example.org", "example.com"];
        DnsType[] types = [DnsType.A, DnsType.AAAA, DnsType.TXT, DnsType.MX, DnsType.ANY, DnsType.NS, DnsType.SOA, DnsType.CNAME];
        byte[] buffer = new byte[1232];
        int hits = 0;
        for (int i = 0; i < 20_000; i++)
        {
            DnsMessage query = Query(names[random.Next(names.Length)], types[random.Next(types.Length)], edns: random.Next(2) == 0, id: (ushort)random.Next(65536));
            byte[] bytes = DnsWireClient.Encode(query);
            if (random.Next(10) == 0)
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            byte[] fresh = Answer(bytes);
            if (cache.TryGet(bytes, buffer, out int length))
            {
                hits++;
                Assert.Equal(fresh, buffer[..length]);
            }
            else if (fresh.Length > 0 && QueryShape.IsPlainQuery(bytes))
            {
                cache.Add(bytes, fresh);
            }
        }
        Assert.True(hits > 5_000, $"only {hits} hits");
        Assert.True(cache.Count <= 200);
    }

    [Fact]
    public void The_server_serves_a_changed_zone_after_replacing_it()
    {
        using var harness = new ServerHarness();
        DnsMessage before = DnsWireClient.ExchangeUdp(harness.EndPoint, Query("www.example.com", DnsType.A));
        DnsWireClient.ExchangeUdp(harness.EndPoint, Query("www.example.com", DnsType.A));
        Assert.Equal(1, harness.OnLoop(() => harness.Server.Counters.CacheHits));
        var changed = Islet.Dns.Zone.Zone.Load(Text.Replace("192.0.2.10", "192.0.2.11", StringComparison.Ordinal), Origin);
        harness.OnLoop(() => { harness.Server.ReplaceZone(changed); return 0; });
        DnsMessage after = DnsWireClient.ExchangeUdp(harness.EndPoint, Query("www.example.com", DnsType.A));
        Assert.Equal("192.0.2.10", before.Answers[0].Data.ToString());
        Assert.Equal("192.0.2.11", after.Answers[0].Data.ToString());
    }

    private static byte[] Answer(byte[] query)
    {
        byte[] response = new byte[1232];
        return s_answerer.Value.TryAnswer(query, response, response.Length, DnsTransport.Udp, out int length) ? response[..length] : [];
    }
}
