using System.IO.Pipelines;
using System.Net;
using Islet.Devices;
using Islet.Events;
using Islet.Links;
using Islet.Net.Interface;
using Islet.Net.Stack;
using Islet.Net.Wire;
using Xunit;

namespace Islet.Net.Tests.Stack;

/// <summary>Two complete Islet stacks over an in-memory link, through the application API (IStack).</summary>
public sealed class DirectStackTests
{
    private sealed class SeededEntropy(int seed) : IEntropy
    {
        private readonly Random _random = new(seed);
        public void Fill(Span<byte> destination) => _random.NextBytes(destination);
    }

    private static readonly Ipv4Address s_a = new(10, 0, 0, 1);
    private static readonly Ipv4Address s_b = new(10, 0, 0, 2);

    internal static T WithTwoStacks<T>(MemoryLinkOptions link, Func<EventLoop, DirectStack<MemoryNetDevice>, DirectStack<MemoryNetDevice>, Task<T>> body)
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var (devA, devB) = MemoryLink.CreatePair(loop, link);
        return loop.Run(async () =>
        {
            await using var a = new DirectStack<MemoryNetDevice>(loop, devA, InterfaceConfig.Static(s_a, 24), new SeededEntropy(1));
            await using var b = new DirectStack<MemoryNetDevice>(loop, devB, InterfaceConfig.Static(s_b, 24), new SeededEntropy(2));
            var work = body(loop, a, b);
            var limit = loop.Delay(TimeSpan.FromMinutes(30)); // virtual time: a hung transfer fails, fast
            if (await Task.WhenAny(work, limit) != work) throw new TimeoutException("the transfer did not finish in 30 virtual minutes");
            return await work;
        });
    }

    internal static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        var all = new MemoryStream();
        while (true)
        {
            var result = await reader.ReadAsync();
            foreach (var segment in result.Buffer) all.Write(segment.Span);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) return all.ToArray();
        }
    }

    internal static async Task SendAllAsync(PipeWriter writer, byte[] data, int chunk = 64 * 1024)
    {
        for (int offset = 0; offset < data.Length; offset += chunk)
        {
            await writer.WriteAsync(data.AsMemory(offset, Math.Min(chunk, data.Length - offset)));
        }
        await writer.CompleteAsync();
    }

    [Fact]
    public void Connect_transfer_and_close_through_the_application_api()
    {
        var payload = new byte[300_000];
        new Random(5).NextBytes(payload);
        var (received, echoedBack) = WithTwoStacks(new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(2) }, async (loop, a, b) =>
        {
            await using var listener = await b.Tcp.ListenAsync(new IPEndPoint(IPAddress.Any, 80));
            var accepting = listener.AcceptAsync().AsTask();
            await using var client = await a.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 80));
            await using var server = (await accepting)!;
            Assert.Equal(80, server.LocalEndPoint.Port);
            Assert.Equal("10.0.0.1", server.RemoteEndPoint.Address.ToString());
            var serverReads = ReadAllAsync(server.Input);
            await SendAllAsync(client.Output, payload);
            var got = await serverReads;
            await server.Output.WriteAsync("thanks"u8.ToArray());
            await server.Output.CompleteAsync();
            return (got, await ReadAllAsync(client.Input));
        });
        Assert.Equal(payload, received);
        Assert.Equal("thanks"u8.ToArray(), echoedBack);
    }

    [Fact]
    public void Connect_to_a_port_nobody_listens_on_is_refused()
    {
        var error = WithTwoStacks(new MemoryLinkOptions(), async (loop, a, b) =>
        {
            var e = await Assert.ThrowsAsync<NetException>(() => a.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 81)).AsTask());
            return e.Error;
        });
        Assert.Equal(NetError.Refused, error);
    }

    [Fact]
    public void Udp_datagrams_cross_between_stacks()
    {
        var (text, from) = WithTwoStacks(new MemoryLinkOptions(), async (loop, a, b) =>
        {
            await using var server = await b.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 53));
            await using var client = await a.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 0));
            await client.SendAsync("query"u8.ToArray(), new IPEndPoint(IPAddress.Parse("10.0.0.2"), 53));
            var buffer = new byte[512];
            var got = await server.ReceiveAsync(buffer);
            return (System.Text.Encoding.ASCII.GetString(buffer, 0, got.Length), got.RemoteEndPoint);
        });
        Assert.Equal("query", text);
        Assert.Equal("10.0.0.1", from.Address.ToString());
    }

    [Fact]
    public void Statistics_report_every_layer_after_traffic()
    {
        var report = WithTwoStacks(new MemoryLinkOptions(), async (loop, a, b) =>
        {
            await using var listener = await b.Tcp.ListenAsync(new IPEndPoint(IPAddress.Any, 80));
            var accepting = listener.AcceptAsync().AsTask();
            await using var client = await a.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 80));
            await using var server = (await accepting)!;
            await SendAllAsync(client.Output, new byte[10_000]);
            Assert.Equal(10_000, (await ReadAllAsync(server.Input)).Length);
            return NetStatistics.Format(b);
        });
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => long.Parse(p[1]));
        Assert.True(lines["device.rx_frames"] > 5);
        Assert.True(lines["ipv4.delivered"] > 5);
        Assert.True(lines["arp.replies_sent"] >= 1);
        Assert.True(lines["tcp.segments_received"] > 5);
        Assert.Equal(0, lines["tcp.dropped.checksum"]);
        Assert.Contains("icmp.rate_limited", lines.Keys);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Listener_no_delay_option_reaches_accepted_connections_and_connect_uses_no_delay(bool noDelay)
    {
        var (accepted, connected) = WithTwoStacks(new MemoryLinkOptions(), async (loop, a, b) =>
        {
            await using var listener = await b.Tcp.ListenAsync(new IPEndPoint(IPAddress.Any, 80), new Net.TcpListenOptions { NoDelay = noDelay });
            var accepting = listener.AcceptAsync().AsTask();
            await using var client = await a.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 80));
            await using var server = (await accepting)!;
            return (((DirectTcpFlow)server).Connection.NoDelay, ((DirectTcpFlow)client).Connection.NoDelay);
        });
        Assert.Equal(noDelay, accepted);
        Assert.True(connected);
    }
}
