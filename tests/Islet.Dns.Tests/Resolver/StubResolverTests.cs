using System.Net;
using Islet.Dns.Resolver;
using Islet.Dns.Wire;
using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;

namespace Islet.Dns.Tests.Resolver;

/// <summary>The stub resolver over the unix stack's kernel sockets, against scripted servers on 127.0.0.1.</summary>
public sealed class StubResolverTests
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(300);

    private static T Run<T>(ResolverOptions options, Func<StubResolver, Task<T>> body)
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var stack = new UnixStack(loop);
        var resolver = new StubResolver(stack, options, new UnixEntropy());
        return loop.Run(() => body(resolver));
    }

    private static ResolverOptions Options(params ScriptedDnsServer[] servers) => new() { Servers = [.. servers.Select(s => s.EndPoint)] };

    [Fact]
    public void Resolves_addresses_services_and_text_from_an_authoritative_server()
    {
        using var server = new ScriptedDnsServer(ScriptedDnsServer.Authoritative);
        var (www, alias, srv, txt, literal) = Run(Options(server), async r => (
            await r.ResolveAddressesAsync("www.example.com"),
            await r.QueryAsync(DnsName.Parse("alias.example.com."), DnsType.A) is { Answers.Count: 3 }
                ? await r.ResolveAddressesAsync("ALIAS.example.com.") // from the cache: alias's chain, then www's A and AAAA
                : [],
            await r.ResolveServiceAsync("_sip._tcp.example.com"),
            await r.ResolveTextAsync("x.wild.example.com"),
            await r.ResolveAddressesAsync("2001:db8::7")));
        Assert.Equal([IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10")], www);
        Assert.Equal(www, alias);
        SrvRecordData sip = Assert.Single(srv);
        Assert.Equal((10, 60, 5060, "www.example.com."), (sip.Priority, sip.Weight, sip.Port, sip.Target.ToString()));
        Assert.Equal(["wildcard"], txt);
        Assert.Equal([IPAddress.Parse("2001:db8::7")], literal);
        Assert.Equal(5, server.UdpQueries); // A and AAAA for www; alias's A; SRV; TXT
    }

    [Fact]
    public void Nxdomain_and_nodata_are_reported_by_kind_and_name()
    {
        using var server = new ScriptedDnsServer(ScriptedDnsServer.Authoritative);
        var (missing, empty, result) = Run(Options(server), async r => (
            await Assert.ThrowsAsync<DnsResolveException>(() => r.ResolveAddressesAsync("nope.example.com")),
            await Assert.ThrowsAsync<DnsResolveException>(() => r.ResolveTextAsync("www.example.com")),
            await r.QueryAsync(DnsName.Parse("nope.example.com."), DnsType.MX)));
        Assert.Equal(DnsResolveError.NameNotFound, missing.Error);
        Assert.Contains("nope.example.com", missing.Message);
        Assert.Equal(DnsResolveError.NoData, empty.Error);
        Assert.Contains(server.EndPoint.ToString(), empty.Message);
        Assert.Equal(DnsResponseCode.NameError, result.Rcode);
        Assert.True(result.FromCache); // the NXDOMAIN for nope's A was cached for every type
    }

    [Fact]
    public void A_silent_server_times_out_after_every_attempt()
    {
        using var silent = new ScriptedDnsServer(ScriptedDnsServer.Silent);
        DnsResolveException e = Run(Options(silent) with { Timeout = s_short }, r =>
            Assert.ThrowsAsync<DnsResolveException>(() => r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A)));
        Assert.Equal(DnsResolveError.Timeout, e.Error);
        Assert.Contains(silent.EndPoint.ToString(), e.Message);
        Assert.Equal([silent.EndPoint], e.ServersTried);
        Assert.Equal(2, silent.UdpQueries);
    }

    [Fact]
    public void A_timeout_moves_on_to_the_next_server()
    {
        using var silent = new ScriptedDnsServer(ScriptedDnsServer.Silent);
        using var good = new ScriptedDnsServer(ScriptedDnsServer.Authoritative);
        // A whole second, so that the answering server is never the one that times out on a loaded machine.
        DnsQueryResult result = Run(Options(silent, good) with { Timeout = TimeSpan.FromSeconds(1) }, r => r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A));
        Assert.Equal(["www.example.com. 3600 IN A 192.0.2.10"], result.Answers.Select(a => a.ToString()));
        Assert.False(result.FromCache);
        Assert.Equal((1, 1), (silent.UdpQueries, good.UdpQueries));
    }

    [Fact]
    public void Spoofed_datagrams_are_ignored_and_the_real_answer_is_taken()
    {
        using var server = new ScriptedDnsServer((q, _) =>
        [
            ScriptedDnsServer.Forged(q, idDelta: 1),
            ScriptedDnsServer.Forged(q, idDelta: 0, otherName: "evil.example.com."),
            ScriptedDnsServer.Forged(q, idDelta: 0, clearQr: true),
            [0xde, 0xad],
            ScriptedDnsServer.Answer(q),
        ]);
        var (result, cached) = Run(Options(server), async r =>
        {
            DnsQueryResult answer = await r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A);
            return (answer, r.Cache!.Lookup(new DnsQuestion(DnsName.Parse("www.example.com."), DnsType.A), EventLoop.Current.NowNanoseconds));
        });
        Assert.Equal(["www.example.com. 3600 IN A 192.0.2.10"], result.Answers.Select(a => a.ToString()));
        Assert.Equal(IPAddress.Parse("192.0.2.10"), ((ARecordData)Assert.Single(cached!.Answers).Data).Address);
        Assert.Equal(1, server.UdpQueries);
    }

    [Fact]
    public void A_truncated_udp_answer_is_fetched_again_over_tcp()
    {
        using var server = new ScriptedDnsServer((q, _) => [ScriptedDnsServer.Bare(q, rcode: 0, truncated: true)]);
        IReadOnlyList<string> text = Run(Options(server), r => r.ResolveTextAsync("big.example.com"));
        Assert.Equal(12, text.Count);
        Assert.Contains(new string('a', 60), text);
        Assert.Equal((1, 1), (server.UdpQueries, server.TcpQueries));
    }

    [Fact]
    public void Servfail_and_refused_move_on_to_the_next_server()
    {
        using var failing = new ScriptedDnsServer((q, _) => [ScriptedDnsServer.Bare(q, rcode: 2)]);
        using var refusing = new ScriptedDnsServer((q, _) => [ScriptedDnsServer.Bare(q, rcode: 5)]);
        using var good = new ScriptedDnsServer(ScriptedDnsServer.Authoritative);
        IReadOnlyList<IPAddress> addresses = Run(Options(failing, refusing, good), r => r.ResolveAddressesAsync("mail.example.com"));
        Assert.Equal([IPAddress.Parse("192.0.2.25")], addresses);
        Assert.Equal((2, 2, 2), (failing.UdpQueries, refusing.UdpQueries, good.UdpQueries));
    }

    [Fact]
    public void Servers_that_all_fail_are_reported_with_the_most_telling_error()
    {
        using var failing = new ScriptedDnsServer((q, _) => [ScriptedDnsServer.Bare(q, rcode: 2)]);
        using var refusing = new ScriptedDnsServer((q, _) => [ScriptedDnsServer.Bare(q, rcode: 5)]);
        var (servfail, refused) = Run(Options(refusing, failing), async r => (
            await Assert.ThrowsAsync<DnsResolveException>(() => r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A)),
            await Assert.ThrowsAsync<DnsResolveException>(() => new StubResolver(new UnixStack(EventLoop.Current), Options(refusing), new UnixEntropy())
                .QueryAsync(DnsName.Parse("www.example.com."), DnsType.A))));
        Assert.Equal(DnsResolveError.ServerFailure, servfail.Error);
        Assert.Equal([refusing.EndPoint, failing.EndPoint], servfail.ServersTried);
        Assert.Equal(DnsResolveError.Refused, refused.Error);
        Assert.Equal(4, refusing.UdpQueries);
    }

    [Fact]
    public void A_cached_answer_sends_no_packet()
    {
        using var server = new ScriptedDnsServer(ScriptedDnsServer.Authoritative);
        var (first, second, missing) = Run(Options(server), async r => (
            await r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A),
            await r.QueryAsync(DnsName.Parse("WWW.example.com."), DnsType.A),
            await r.QueryAsync(DnsName.Parse("nope.example.com."), DnsType.A)
                == await r.QueryAsync(DnsName.Parse("nope.example.com."), DnsType.A)));
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(2, server.UdpQueries); // www once, nope once
    }

    [Fact]
    public void Concurrent_identical_queries_share_one_exchange()
    {
        using var asked = new ManualResetEventSlim();
        using var server = new ScriptedDnsServer((q, _) =>
        {
            asked.Wait(); // hold the answer until all three queries are made, so the first cannot finish early
            return ScriptedDnsServer.Authoritative(q, 0);
        });
        DnsQueryResult[] results = Run(Options(server) with { UseCache = false }, r =>
        {
            Task<DnsQueryResult[]> all = Task.WhenAll(
                r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A),
                r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A),
                r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A));
            asked.Set();
            return all;
        });
        Assert.All(results, x => Assert.Equal("www.example.com. 3600 IN A 192.0.2.10", Assert.Single(x.Answers).ToString()));
        Assert.Equal(1, server.UdpQueries);
    }

    [Fact]
    public void A_server_without_edns_is_asked_again_without_it()
    {
        using var old = new ScriptedDnsServer((q, _) => DnsMessage.Parse(q).Edns is null
            ? ScriptedDnsServer.Authoritative(q, 0)
            : [ScriptedDnsServer.Bare(q, rcode: 1)]);
        DnsQueryResult result = Run(Options(old), r => r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.AAAA));
        Assert.Equal("www.example.com. 3600 IN AAAA 2001:db8::10", Assert.Single(result.Answers).ToString());
        Assert.Equal(2, old.UdpQueries);
    }

    [Fact]
    public void A_cancelled_caller_leaves_the_shared_exchange_running_for_the_others()
    {
        using var silent = new ScriptedDnsServer(ScriptedDnsServer.Silent);
        var (cancelled, later) = Run(Options(silent) with { Timeout = s_short }, async r =>
        {
            using var stop = new CancellationTokenSource();
            Task<DnsQueryResult> first = r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A, stop.Token);
            Task<DnsQueryResult> second = r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A);
            stop.Cancel();
            return (await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first),
                await Assert.ThrowsAsync<DnsResolveException>(() => second));
        });
        Assert.NotNull(cancelled);
        Assert.Equal(DnsResolveError.Timeout, later.Error);
        Assert.Equal(2, silent.UdpQueries); // one exchange: two rounds over the one server
    }
}
