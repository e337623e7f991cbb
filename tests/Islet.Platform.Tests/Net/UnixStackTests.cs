using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Net;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Xunit;

namespace Islet.Platform.Tests.Net;

/// <summary>The unix target's stack against the real Linux kernel on loopback.</summary>
public sealed class UnixStackTests
{
    private static readonly IPEndPoint s_anyLoopback = new(IPAddress.Loopback, 0);

    private static T RunOnLoop<T>(Func<EventLoop, UnixStack, Task<T>> body, IReadOnlyList<PortMapping>? publish = null)
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var stack = new UnixStack(loop, publish);
        return loop.Run(() => WithTimeout(loop, body(loop, stack)));
    }

    private static async Task<T> WithTimeout<T>(EventLoop loop, Task<T> task)
    {
        var timeout = loop.Delay(TimeSpan.FromSeconds(60));
        if (await Task.WhenAny(task, timeout) != task) throw new TimeoutException("The test did not finish in 60 s.");
        return await task;
    }

    [Fact]
    public void Flow_moves_a_megabyte_byte_exact_in_both_directions()
    {
        var payload = new byte[1 << 20];
        new Random(42).NextBytes(payload);
        var (echoed, serverSawEof) = RunOnLoop(async (loop, stack) =>
        {
            await using var listener = await stack.Tcp.ListenAsync(s_anyLoopback);
            var acceptTask = listener.AcceptAsync().AsTask();
            await using var client = await stack.Tcp.ConnectAsync(listener.LocalEndPoint);
            await using var server = (await acceptTask)!;
            var echo = EchoAsync(server);
            var receive = ReadAllAsync(client.Input);
            for (int offset = 0; offset < payload.Length; offset += 10_000)
            {
                await client.Output.WriteAsync(payload.AsMemory(offset, Math.Min(10_000, payload.Length - offset)));
            }
            await client.Output.CompleteAsync();
            return (await receive, await echo);
        });
        Assert.True(serverSawEof);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public void Stream_adapter_reads_and_writes()
    {
        string reply = RunOnLoop(async (loop, stack) =>
        {
            await using var listener = await stack.Tcp.ListenAsync(s_anyLoopback);
            var acceptTask = listener.AcceptAsync().AsTask();
            await using var client = await stack.Tcp.ConnectAsync(listener.LocalEndPoint);
            await using var server = (await acceptTask)!;
            var echo = EchoAsync(server);
            var stream = client.AsStream();
            await stream.WriteAsync("hello islet"u8.ToArray());
            var buffer = new byte[64];
            int total = 0;
            while (total < 11) total += await stream.ReadAsync(buffer.AsMemory(total));
            return System.Text.Encoding.ASCII.GetString(buffer, 0, total);
        });
        Assert.Equal("hello islet", reply);
    }

    [Fact]
    public void Kernel_client_talks_to_an_islet_listener()
    {
        var received = RunOnLoop(async (loop, stack) =>
        {
            await using var listener = await stack.Tcp.ListenAsync(s_anyLoopback);
            int port = listener.LocalEndPoint.Port;
            // A plain blocking kernel client on its own thread: the peer, not library code.
            var clientDone = new TaskCompletionSource<byte[]>();
            var thread = new Thread(() =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(IPAddress.Loopback, port);
                socket.Send("ping"u8);
                socket.Shutdown(SocketShutdown.Send);
                var reply = new MemoryStream();
                var buffer = new byte[256];
                int n;
                while ((n = socket.Receive(buffer)) > 0) reply.Write(buffer, 0, n);
                clientDone.SetResult(reply.ToArray());
            });
            thread.Start();
            await using var flow = (await listener.AcceptAsync())!;
            var request = await ReadAllAsync(flow.Input);
            await flow.Output.WriteAsync("pong:"u8.ToArray());
            await flow.Output.WriteAsync(request);
            await flow.Output.CompleteAsync();
            var result = await clientDone.Task;
            thread.Join();
            return result;
        });
        Assert.Equal("pong:ping"u8.ToArray(), received);
    }

    [Fact]
    public void Connect_to_a_closed_port_is_refused()
    {
        int closedPort = FreePort();
        var error = RunOnLoop(async (loop, stack) =>
        {
            var e = await Assert.ThrowsAsync<NetException>(() => stack.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Loopback, closedPort)).AsTask());
            return e.Error;
        });
        Assert.Equal(NetError.Refused, error);
    }

    [Fact]
    public void Listening_twice_on_one_port_reports_address_in_use()
    {
        var error = RunOnLoop(async (loop, stack) =>
        {
            await using var first = await stack.Tcp.ListenAsync(s_anyLoopback);
            var e = await Assert.ThrowsAsync<NetException>(() => stack.Tcp.ListenAsync(first.LocalEndPoint).AsTask());
            return e.Error;
        });
        Assert.Equal(NetError.AddressInUse, error);
    }

    [Fact]
    public void Abort_resets_the_peer()
    {
        var failure = RunOnLoop(async (loop, stack) =>
        {
            await using var listener = await stack.Tcp.ListenAsync(s_anyLoopback);
            var acceptTask = listener.AcceptAsync().AsTask();
            await using var client = await stack.Tcp.ConnectAsync(listener.LocalEndPoint);
            var server = (await acceptTask)!;
            server.Abort();
            try
            {
                while (true)
                {
                    var result = await client.Input.ReadAsync();
                    client.Input.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted) return (Exception?)null;
                }
            }
            catch (NetException e)
            {
                return e;
            }
        });
        Assert.NotNull(failure);
        Assert.Equal(NetError.Reset, ((NetException)failure!).Error);
    }

    [Fact]
    public void Disposed_listener_ends_a_pending_accept_with_null()
    {
        var accepted = RunOnLoop(async (loop, stack) =>
        {
            var listener = await stack.Tcp.ListenAsync(s_anyLoopback);
            var pending = listener.AcceptAsync().AsTask();
            await Task.Yield();
            await listener.DisposeAsync();
            return await pending;
        });
        Assert.Null(accepted);
    }

    [Fact]
    public void Published_guest_port_listens_on_the_host_port()
    {
        int hostPort = FreePort();
        var publish = new[] { new PortMapping(new IPEndPoint(IPAddress.Loopback, hostPort), 80) };
        var (guestPort, greeting) = RunOnLoop(async (loop, stack) =>
        {
            await using var listener = await stack.Tcp.ListenAsync(new IPEndPoint(IPAddress.Any, 80));
            var acceptTask = listener.AcceptAsync().AsTask();
            await using var client = await stack.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Loopback, hostPort));
            await using var server = (await acceptTask)!;
            await server.Output.WriteAsync("hi"u8.ToArray());
            await server.Output.CompleteAsync();
            return (listener.LocalEndPoint.Port, await ReadAllAsync(client.Input));
        }, publish);
        Assert.Equal(80, guestPort);
        Assert.Equal("hi"u8.ToArray(), greeting);
    }

    [Fact]
    public void Udp_mapping_moves_udp_binds_only_and_tcp_mapping_tcp_listeners_only()
    {
        int udpHost = FreePort(), tcpHost = FreePort();
        var publish = new[] { PortMapping.Parse($"{udpHost}:53/udp"), PortMapping.Parse($"{tcpHost}:80") };
        var (dnsBound, webBound, datagram) = RunOnLoop(async (loop, stack) =>
        {
            await using var dns = await stack.Udp.BindAsync(new IPEndPoint(IPAddress.Loopback, 53));     // bound on udpHost
            await using var web = await stack.Udp.BindAsync(new IPEndPoint(IPAddress.Loopback, 0));
            await web.SendAsync("query"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, udpHost));
            var buffer = new byte[16];
            var got = await dns.ReceiveAsync(buffer);
            // The TCP mapping of port 80 does not move a UDP bind of port 80: the unix target binds it as asked.
            await using var udp80 = await stack.Udp.BindAsync(new IPEndPoint(IPAddress.Loopback, tcpHost));
            return (dns.LocalEndPoint.Port, udp80.LocalEndPoint.Port, buffer[..got.Length]);
        }, publish);
        Assert.Equal(53, dnsBound);
        Assert.Equal(tcpHost, webBound);
        Assert.Equal("query"u8.ToArray(), datagram);
    }

    [Fact]
    public void Udp_datagrams_round_trip_and_report_truncation()
    {
        var (echo, truncated) = RunOnLoop(async (loop, stack) =>
        {
            await using var a = await stack.Udp.BindAsync(s_anyLoopback);
            await using var b = await stack.Udp.BindAsync(s_anyLoopback);
            await a.SendAsync("datagram"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, b.LocalEndPoint.Port));
            var buffer = new byte[100];
            var got = await b.ReceiveAsync(buffer);
            Assert.Equal(a.LocalEndPoint.Port, got.RemoteEndPoint.Port);
            await a.SendAsync(new byte[50], new IPEndPoint(IPAddress.Loopback, b.LocalEndPoint.Port));
            var small = await b.ReceiveAsync(new byte[10]);
            return (buffer[..got.Length], small.Truncated);
        });
        Assert.Equal("datagram"u8.ToArray(), echo);
        Assert.True(truncated);
    }

    [Fact]
    public void Queued_datagrams_from_two_senders_arrive_in_each_senders_order_whole_and_truncated_as_their_buffers_say()
    {
        // 100 datagrams queued before the first receive: most are handed out from recvmmsg batches,
        // and the sends go out as sendmmsg batches. UDP orders nothing across sockets, so each
        // sender's datagrams are checked in its own order. Every datagram starts with its index.
        var random = new Random(7);
        var sizes = Enumerable.Range(0, 100).Select(i => i switch { 17 => 4096, 33 => 5000, 50 => 2, _ => random.Next(2, 1500) }).ToArray();
        static byte[] Datagram(int index, int size) =>
            [.. Enumerable.Range(0, size).Select(j => j == 0 ? (byte)index : (byte)(index + j))];
        var results = RunOnLoop(async (loop, stack) =>
        {
            await using var a = await stack.Udp.BindAsync(s_anyLoopback);
            await using var b = await stack.Udp.BindAsync(s_anyLoopback);
            await using var receiver = await stack.Udp.BindAsync(s_anyLoopback);
            var to = new IPEndPoint(IPAddress.Loopback, receiver.LocalEndPoint.Port);
            for (int i = 0; i < sizes.Length; i++)
                await (i % 2 == 0 ? a : b).SendAsync(Datagram(i, sizes[i]), to);
            var got = new List<(byte[] Data, int Port, bool Truncated)>();
            var buffer = new byte[4096];
            for (int i = 0; i < sizes.Length; i++)
            {
                var received = await receiver.ReceiveAsync(buffer);
                got.Add((buffer[..received.Length], received.RemoteEndPoint.Port, received.Truncated));
            }
            // A buffer larger than a batch slot reads one datagram whole.
            await a.SendAsync(new byte[9000], to);
            var large = await receiver.ReceiveAsync(new byte[65535]);
            return (got, a.LocalEndPoint.Port, b.LocalEndPoint.Port, large.Length, large.Truncated);
        });
        var lastFrom = new Dictionary<int, int> { [results.Item2] = -1, [results.Item3] = -1 };
        foreach (var (data, port, truncated) in results.got)
        {
            int i = data[0];
            Assert.Equal(i % 2 == 0 ? results.Item2 : results.Item3, port);
            Assert.True(i > lastFrom[port], $"datagram {i} from port {port} came after {lastFrom[port]}");
            lastFrom[port] = i;
            Assert.Equal(sizes[i] > 4096, truncated);
            Assert.Equal(Datagram(i, sizes[i])[..Math.Min(sizes[i], 4096)], data);
        }
        Assert.Equal(100, results.got.Select(g => g.Data[0]).Distinct().Count());
        Assert.Equal(9000, results.Item4);
        Assert.False(results.Item5);
    }

    private static async Task<bool> EchoAsync(ITcpFlow flow)
    {
        while (true)
        {
            var result = await flow.Input.ReadAsync();
            foreach (var segment in result.Buffer) await flow.Output.WriteAsync(segment);
            flow.Input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                await flow.Output.CompleteAsync();
                return true;
            }
        }
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
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

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
