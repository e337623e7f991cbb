using System.Net;
using Islet.Dns.Server;
using Islet.Dns.Wire;
using static Islet.Dns.Server.ResponseRateLimiter;

namespace Islet.Dns.Tests.Server;

public sealed class ResponseRateLimiterTests
{
    private const long Second = 1_000_000_000;
    private static readonly DnsName s_www = DnsName.Parse("www.example.com.");
    private static readonly IPAddress s_client = IPAddress.Parse("192.0.2.1");

    private static ResponseRateLimiter Limiter(int rate = 5, int slip = 0, int windowSeconds = 15, int maxEntries = 1000) => new(new ResponseRateLimiterOptions
    {
        Enabled = true,
        ResponsesPerSecond = rate,
        NxDomainsPerSecond = rate,
        ErrorsPerSecond = rate,
        ReferralsPerSecond = rate,
        Slip = slip,
        Window = TimeSpan.FromSeconds(windowSeconds),
        MaxEntries = maxEntries,
    });

    private static List<Decision> Run(ResponseRateLimiter limiter, int count, long now, IPAddress? client = null, DnsName? name = null, ResponseKind kind = ResponseKind.Answer) =>
        [.. Enumerable.Range(0, count).Select(_ => limiter.Decide(client ?? s_client, kind, name ?? s_www, overTcp: false, now))];

    [Fact]
    public void Off_by_default()
    {
        var limiter = new ResponseRateLimiter();
        Assert.False(limiter.Options.Enabled);
        Assert.All(Run(limiter, 1000, 0), d => Assert.Equal(Decision.Send, d));
        Assert.Equal(0, limiter.Count);
    }

    [Fact]
    public void Sends_the_rate_then_drops()
    {
        ResponseRateLimiter limiter = Limiter(rate: 5);
        List<Decision> decisions = Run(limiter, 8, 0);
        Assert.Equal([.. Enumerable.Repeat(Decision.Send, 5), .. Enumerable.Repeat(Decision.Drop, 3)], decisions);
        Assert.Equal(3, limiter.Dropped);
    }

    [Fact]
    public void Refills_at_the_rate_after_paying_off_the_debt()
    {
        ResponseRateLimiter limiter = Limiter(rate: 5);
        Run(limiter, 10, 0); // 5 sent, 5 over: the balance is 5 responses in debt
        Assert.Equal(Decision.Drop, limiter.Decide(s_client, ResponseKind.Answer, s_www, false, 1 * Second));
        Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.Answer, s_www, false, 2 * Second + Second / 2));
    }

    [Fact]
    public void Debt_is_bounded_by_the_window()
    {
        ResponseRateLimiter limiter = Limiter(rate: 1, windowSeconds: 2);
        Run(limiter, 1000, 0);
        // Without the window's bound 999 responses of debt would take 999 s to repay.
        Assert.Equal(Decision.Drop, limiter.Decide(s_client, ResponseKind.Answer, s_www, false, 2 * Second));
        Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.Answer, s_www, false, 6 * Second));
    }

    [Theory]
    [InlineData(0, new[] { Decision.Drop, Decision.Drop, Decision.Drop, Decision.Drop })]
    [InlineData(1, new[] { Decision.Slip, Decision.Slip, Decision.Slip, Decision.Slip })]
    [InlineData(2, new[] { Decision.Drop, Decision.Slip, Decision.Drop, Decision.Slip })]
    [InlineData(3, new[] { Decision.Drop, Decision.Drop, Decision.Slip, Decision.Drop })]
    public void Every_slip_th_response_over_the_limit_slips(int slip, Decision[] overLimit)
    {
        ResponseRateLimiter limiter = Limiter(rate: 2, slip: slip);
        Assert.Equal([Decision.Send, Decision.Send, .. overLimit], Run(limiter, 6, 0));
        Assert.Equal(overLimit.Count(d => d == Decision.Slip), limiter.Slipped);
    }

    [Fact]
    public void Tcp_is_never_limited()
    {
        ResponseRateLimiter limiter = Limiter(rate: 1);
        for (int i = 0; i < 100; i++)
            Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.Answer, s_www, overTcp: true, 0));
        Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.Answer, s_www, false, 0));
        Assert.Equal(Decision.Drop, limiter.Decide(s_client, ResponseKind.Answer, s_www, false, 0));
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.254", true)]
    [InlineData("192.0.2.1", "::ffff:192.0.2.9", true)]
    [InlineData("192.0.2.1", "192.0.3.1", false)]
    [InlineData("2001:db8::1", "2001:db8:0:ff::1", true)]
    [InlineData("2001:db8::1", "2001:db8:0:100::1", false)]
    [InlineData("2001:db8::1", "192.0.2.1", false)]
    public void Clients_share_a_bucket_by_prefix(string first, string second, bool shared)
    {
        ResponseRateLimiter limiter = Limiter(rate: 3);
        Run(limiter, 3, 0, IPAddress.Parse(first));
        Decision next = limiter.Decide(IPAddress.Parse(second), ResponseKind.Answer, s_www, false, 0);
        Assert.Equal(shared ? Decision.Drop : Decision.Send, next);
    }

    [Fact]
    public void Kinds_and_names_have_their_own_buckets_and_names_ignore_case()
    {
        ResponseRateLimiter limiter = Limiter(rate: 2);
        Run(limiter, 2, 0);
        Assert.Equal(Decision.Drop, limiter.Decide(s_client, ResponseKind.Answer, DnsName.Parse("WWW.Example.COM."), false, 0));
        Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.Answer, DnsName.Parse("mail.example.com."), false, 0));
        Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.NxDomain, s_www, false, 0));
        Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.Referral, s_www, false, 0));
        Assert.Equal(Decision.Send, limiter.Decide(s_client, ResponseKind.Error, null, false, 0));
        Assert.Equal(5, limiter.Count);
    }

    [Fact]
    public void A_rate_of_zero_leaves_that_kind_unlimited()
    {
        var limiter = new ResponseRateLimiter(new ResponseRateLimiterOptions { Enabled = true, ResponsesPerSecond = 0, NxDomainsPerSecond = 1 });
        Assert.All(Run(limiter, 50, 0), d => Assert.Equal(Decision.Send, d));
        Assert.Contains(Decision.Drop, Run(limiter, 3, 0, kind: ResponseKind.NxDomain));
    }

    [Fact]
    public void The_table_is_bounded_and_evicts_the_least_recently_used()
    {
        ResponseRateLimiter limiter = Limiter(rate: 1, maxEntries: 3);
        IPAddress Net(int i) => IPAddress.Parse($"198.51.{i}.1");
        for (int i = 0; i < 3; i++)
            Run(limiter, 2, 0, Net(i)); // each bucket is now over its limit
        Assert.Equal(Decision.Drop, limiter.Decide(Net(0), ResponseKind.Answer, s_www, false, 0)); // 0 is now the newest
        Run(limiter, 1, 0, Net(3)); // evicts 1, the least recently used
        Assert.Equal(3, limiter.Count);
        Assert.Equal(Decision.Send, limiter.Decide(Net(1), ResponseKind.Answer, s_www, false, 0)); // fresh again; evicts 2
        Assert.Equal(Decision.Drop, limiter.Decide(Net(0), ResponseKind.Answer, s_www, false, 0));
        for (int i = 10; i < 1000; i++)
            limiter.Decide(Net(i % 250), ResponseKind.Answer, s_www, false, i);
        Assert.Equal(3, limiter.Count);
    }

    [Fact]
    public void A_slip_is_the_response_truncated_and_empty()
    {
        var response = new DnsMessage
        {
            Header = new DnsHeader { Id = 77, IsResponse = true, IsAuthoritative = true },
            Questions = [new DnsQuestion(s_www, DnsType.A)],
            Answers = [new DnsRecord(s_www, DnsClass.Internet, 60, new ARecordData(IPAddress.Loopback))],
            Edns = new DnsEdns(),
        };
        byte[] buffer = new byte[512];
        DnsMessage slip = DnsMessage.Parse(buffer.AsSpan(0, DnsMessageWriter.Write(CreateSlip(response), buffer)));
        Assert.True(slip.Header.IsTruncated);
        Assert.Equal(77, slip.Header.Id);
        Assert.Single(slip.Questions);
        Assert.Empty(slip.Answers);
        Assert.NotNull(slip.Edns);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResponseRateLimiter(new ResponseRateLimiterOptions { Slip = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResponseRateLimiter(new ResponseRateLimiterOptions { MaxEntries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResponseRateLimiter(new ResponseRateLimiterOptions { Ipv4PrefixLength = 33 }));
    }

    private static DnsRecord Soa(string zone) =>
        new(DnsName.Parse(zone), DnsClass.Internet, 300, new SoaRecordData(DnsName.Parse("ns1." + zone), DnsName.Parse("hostmaster." + zone), 1, 2, 3, 4, 5));

    [Fact]
    public void Classifies_responses_and_keys_random_nxdomains_by_zone()
    {
        DnsQuestion Q(string name) => new(DnsName.Parse(name), DnsType.A);
        var answer = new DnsMessage { Questions = [Q("www.example.com.")], Answers = [new DnsRecord(s_www, DnsClass.Internet, 1, new ARecordData(IPAddress.Loopback))] };
        var nx = new DnsMessage { Header = new DnsHeader { Rcode = 3 }, Questions = [Q("r4nd0m.example.com.")], Authority = [Soa("example.com.")] };
        var nodata = new DnsMessage { Questions = [Q("www.example.com.")], Authority = [Soa("example.com.")] };
        var referral = new DnsMessage { Questions = [Q("a.sub.example.com.")], Authority = [new DnsRecord(DnsName.Parse("sub.example.com."), DnsClass.Internet, 1, new NsRecordData(DnsName.Parse("ns.sub.example.com.")))] };
        var refused = new DnsMessage { Header = new DnsHeader { Rcode = 5 }, Questions = [Q("www.example.org.")] };
        var badvers = new DnsMessage { Edns = new DnsEdns { ExtendedRcode = 1 } };
        Assert.Equal(ResponseKind.Answer, Classify(answer, out DnsName? name));
        Assert.Equal(s_www, name);
        Assert.Equal(ResponseKind.NxDomain, Classify(nx, out name));
        Assert.Equal(DnsName.Parse("example.com."), name);
        Assert.Equal(ResponseKind.Referral, Classify(nodata, out name));
        Assert.Equal(DnsName.Parse("example.com."), name);
        Assert.Equal(ResponseKind.Referral, Classify(referral, out name));
        Assert.Equal(DnsName.Parse("sub.example.com."), name);
        Assert.Equal(ResponseKind.Error, Classify(refused, out name));
        Assert.Null(name);
        Assert.Equal(ResponseKind.Error, Classify(badvers, out _));

        // NXDOMAINs for different random names draw on one bucket.
        ResponseRateLimiter limiter = Limiter(rate: 2);
        var decisions = Enumerable.Range(0, 3).Select(i => limiter.Decide(s_client,
            new DnsMessage { Header = new DnsHeader { Rcode = 3 }, Questions = [Q($"x{i}.example.com.")], Authority = [Soa("example.com.")] }, false, 0)).ToList();
        Assert.Equal([Decision.Send, Decision.Send, Decision.Drop], decisions);
    }

    [Fact]
    public void A_full_table_decides_without_allocating()
    {
        ResponseRateLimiter limiter = Limiter(rate: 1, maxEntries: 64);
        IPAddress[] clients = [.. Enumerable.Range(0, 256).Select(i => IPAddress.Parse($"203.0.{i}.9")), .. Enumerable.Range(0, 256).Select(i => IPAddress.Parse($"2001:db8:{i:x}::1"))];
        foreach (IPAddress client in clients)
            limiter.Decide(client, ResponseKind.Answer, s_www, false, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
            limiter.Decide(clients[i % clients.Length], ResponseKind.Answer, s_www, false, i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(64, limiter.Count);
        // Nothing per decision (one IPAddress or bucket each would be hundreds of kilobytes); a little slack for the runtime.
        Assert.True(allocated < 1024, $"{allocated} bytes for 10,000 decisions");
    }
}
