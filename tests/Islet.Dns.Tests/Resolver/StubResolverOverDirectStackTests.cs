using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using Islet.Devices;
using Islet.Dns.Resolver;
using Islet.Dns.Wire;
using Islet.Events;
using Islet.Links;
using Islet.Net;
using Islet.Net.Interface;
using Islet.Net.Stack;
using Islet.Net.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Resolver;

/// <summary>The resolver on Islet's own TCP/IP stack, asking a server written on a second Islet stack
/// over an in-memory link, in virtual time: timeouts cost no real time and are exact.</summary>
public sealed class StubResolverOverDirectStackTests
{
    private static readonly IPEndPoint s_server = new(IPAddress.Parse("10.0.0.2"), 53);
    private static readonly TimeSpan s_linkDelay = TimeSpan.FromMilliseconds(1);

    private sealed class SeededEntropy(int seed) : IEntropy
    {
        private readonly Random _random = new(seed);
        public void Fill(Span<byte> destination) => _random.NextBytes(destination);
    }

    /// <summary>Runs <paramref name="body"/> with a resolver on stack A and the zone served from stack B
    /// (UDP answers capped at <paramref name="udpLimit"/> bytes; UDP queries for which <paramref name="drop"/>
    /// is true go unanswered); returns its result and the virtual nanoseconds it took.</summary>
    private static (T Result, long Elapsed, int UdpQueries, int TcpQueries) Run<T>(int udpLimit, Func<int, bool> drop, Func<StubResolver, Task<T>> body)
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var (devA, devB) = MemoryLink.CreatePair(loop, new MemoryLinkOptions { Delay = s_linkDelay });
        int udpQueries = 0, tcpQueries = 0;
        var result = loop.Run(async () =>
        {
            await using var a = new DirectStack<MemoryNetDevice>(loop, devA, InterfaceConfig.Static(new Ipv4Address(10, 0, 0, 1), 24), new SeededEntropy(1));
            await using var b = new DirectStack<MemoryNetDevice>(loop, devB, InterfaceConfig.Static(new Ipv4Address(10, 0, 0, 2), 24), new SeededEntropy(2));
            using var stop = new CancellationTokenSource();
            IUdpSocket udp = await b.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 53));
            ITcpListener tcp = await b.Tcp.ListenAsync(new IPEndPoint(IPAddress.Any, 53));
            Task udpServing = ServeUdpAsync(udp, udpLimit, n => { udpQueries++; return drop(n); }, stop.Token);
            Task tcpServing = ServeTcpAsync(tcp, () => tcpQueries++);
            var resolver = new StubResolver(a, new ResolverOptions { Servers = [s_server] }, new SeededEntropy(3));
            long start = loop.NowNanoseconds;
            try
            {
                T value = await body(resolver);
                return (value, loop.NowNanoseconds - start);
            }
            finally
            {
                stop.Cancel();
                await tcp.DisposeAsync();
                await udpServing;
                await tcpServing;
                await udp.DisposeAsync();
            }
        });
        return (result.value, result.Item2, udpQueries, tcpQueries);
    }

    private static async Task ServeUdpAsync(IUdpSocket socket, int limit, Func<int, bool> drop, CancellationToken cancellationToken)
    {
        byte[] query = new byte[1500], response = new byte[1232];
        for (int n = 0; ; n++)
        {
            UdpReceived received;
            try
            {
                received = await socket.ReceiveAsync(query, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!drop(n) && s_answerer.Value.TryAnswer(query.AsSpan(0, received.Length), response, limit, out int length))
                await socket.SendAsync(response.AsMemory(0, length), received.RemoteEndPoint);
        }
    }

    private static async Task ServeTcpAsync(ITcpListener listener, Action counted)
    {
        while (await listener.AcceptAsync() is { } flow)
        {
            await using (flow)
            {
                ReadResult read = await flow.Input.ReadAsync();
                while (read.Buffer.Length < 2 || read.Buffer.Length < 2 + ReadPrefix(read.Buffer))
                {
                    flow.Input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    read = await flow.Input.ReadAsync();
                }
                byte[] query = read.Buffer.Slice(2, ReadPrefix(read.Buffer)).ToArray();
                flow.Input.AdvanceTo(read.Buffer.End);
                counted();
                byte[] response = new byte[2 + 65535];
                if (s_answerer.Value.TryAnswer(query, response.AsSpan(2), 65535, out int length))
                {
                    BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)length);
                    await flow.Output.WriteAsync(response.AsMemory(0, 2 + length));
                }
            }
        }
    }

    private static int ReadPrefix(ReadOnlySequence<byte> buffer)
    {
        Span<byte> prefix = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(prefix);
        return BinaryPrimitives.ReadUInt16BigEndian(prefix);
    }

    [Fact]
    public void Resolves_over_the_islet_stack_and_falls_back_to_tcp_when_truncated()
    {
        var (result, _, udp, tcp) = Run(udpLimit: 512, drop: _ => false, async r => (
            await r.ResolveAddressesAsync("www.example.com"),
            await r.ResolveTextAsync("big.example.com")));
        Assert.Equal([IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10")], result.Item1);
        Assert.Equal(12, result.Item2.Count); // about 800 bytes: truncated at 512 over UDP
        Assert.Equal((3, 1), (udp, tcp));
    }

    [Fact]
    public void Lost_queries_are_retried_after_exactly_the_timeout()
    {
        var (addresses, elapsed, udp, _) = Run(udpLimit: 1232, drop: n => n == 0, r => r.ResolveAddressesAsync("mail.example.com"));
        Assert.Equal([IPAddress.Parse("192.0.2.25")], addresses);
        Assert.Equal(3, udp); // the first query dropped and asked again, the other answered at once
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2).Ticks * 100, TimeSpan.FromSeconds(2.1).Ticks * 100);
    }

    [Fact]
    public void A_server_that_never_answers_costs_attempts_times_timeout()
    {
        var (error, elapsed, udp, _) = Run(udpLimit: 1232, drop: _ => true, r =>
            Assert.ThrowsAsync<DnsResolveException>(() => r.QueryAsync(DnsName.Parse("www.example.com."), DnsType.A)));
        Assert.Equal(DnsResolveError.Timeout, error.Error);
        Assert.Equal(2, udp);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(4).Ticks * 100, TimeSpan.FromSeconds(4.1).Ticks * 100);
    }
}
