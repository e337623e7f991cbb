using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Links;
using Islet.Net;
using Islet.Net.Interface;
using Islet.Net.Stack;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;

namespace Islet.UserNet.Tests;

/// <summary>
/// The user network with its real host side: the unix target's sockets on 127.0.0.1 (an
/// ephemeral port), driven by epoll on the same loop as the router and an Islet guest on a
/// memory link. The clients are the kernel's TCP on other threads. Traffic only goes to 127.0.0.1.
/// </summary>
public sealed class UserNetworkHostSocketTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);
    private static readonly IPEndPoint s_guest80 = new(IPAddress.Any, 80);

    private sealed record Setup(EventLoop Loop, UserNetwork<MemoryNetDevice> Network, MemoryNetDevice GuestDevice)
    {
        public IPEndPoint Forward => Network.ForwardEndPoints[0];

        public DirectStack<MemoryNetDevice> StartGuest() =>
            new(Loop, GuestDevice, InterfaceConfig.Dhcp(0xbeef), new Streams.SeededEntropy(9));

        public Task WaitForLeaseAsync(DirectStack<MemoryNetDevice> guest) =>
            Streams.WaitUntilAsync(Loop, () => !guest.Interface.Config.Address.IsUnspecified, s_limit, "the guest's lease");
    }

    private static T Run<T>(Func<Setup, Task<T>> body, bool allowOutbound = false, string forward = "127.0.0.1:0:80")
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var (routerDevice, guestDevice) = MemoryLink.CreatePair(loop);
        return loop.Run(async () =>
        {
            var host = new UnixStack(loop);
            var options = new UserNetworkOptions { Forwards = [PortMapping.Parse(forward)], AllowOutbound = allowOutbound };
            await using var network = await UserNetwork<MemoryNetDevice>.StartAsync(loop, routerDevice, host, new Streams.SeededEntropy(5), options);
            return await Streams.Within(loop, body(new Setup(loop, network, guestDevice)), s_limit, "the test");
        });
    }

    /// <summary>A kernel TCP client: sends <paramref name="data"/>, half-closes, and reads until the server closes.</summary>
    private static byte[] KernelExchange(IPEndPoint server, byte[] data)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 60_000, SendTimeout = 60_000 };
        socket.Connect(server);
        var sending = Task.Run(() =>
        {
            for (int offset = 0; offset < data.Length;) offset += socket.Send(data, offset, Math.Min(32 * 1024, data.Length - offset), SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
        });
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        for (int n; (n = socket.Receive(buffer)) > 0;) received.Write(buffer, 0, n);
        sending.GetAwaiter().GetResult();
        return received.ToArray();
    }

    [Fact]
    public void Kernel_client_gets_a_megabyte_echoed_byte_exact()
    {
        var payload = Streams.RandomBytes(1 << 20, 11);
        var echoed = Run(async s =>
        {
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            await using var listener = await guest.Tcp.ListenAsync(s_guest80);
            _ = Streams.EchoAsync(listener);
            var forward = s.Forward;
            Assert.Equal(IPAddress.Loopback, forward.Address);
            return await Task.Run(() => KernelExchange(forward, payload));
        });
        Assert.Equal(payload.Length, echoed.Length);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public void Kernel_client_connecting_before_the_guest_has_its_lease_is_served()
    {
        var echoed = Run(async s =>
        {
            var forward = s.Forward;
            var client = Task.Run(() => KernelExchange(forward, "hello before boot"u8.ToArray()));
            await Streams.WaitUntilAsync(s.Loop, () => s.Network.Counters.ForwardsTotal == 1, s_limit, "the host connection");
            await s.Loop.Delay(TimeSpan.FromMilliseconds(500)); // the router is retrying: no guest on the link yet
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            await using var listener = await guest.Tcp.ListenAsync(s_guest80);
            _ = Streams.EchoAsync(listener);
            return await client;
        });
        Assert.Equal("hello before boot"u8.ToArray(), echoed);
    }

    [Fact]
    public void Half_close_from_the_kernel_client_and_the_answer_after_it()
    {
        var (question, answer) = Run(async s =>
        {
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            await using var listener = await guest.Tcp.ListenAsync(s_guest80);
            var forward = s.Forward;
            var client = Task.Run(() => KernelExchange(forward, "question"u8.ToArray()));
            await using var server = (await listener.AcceptAsync())!;
            var question = await Streams.ReadAllAsync(server.Input); // ends only when the kernel's FIN came through
            await Streams.SendAllAsync(server.Output, "answer after your FIN"u8.ToArray());
            return (question, await client);
        });
        Assert.Equal("question"u8.ToArray(), question);
        Assert.Equal("answer after your FIN"u8.ToArray(), answer);
    }

    [Fact]
    public void Guest_reset_reaches_the_kernel_client_as_a_reset()
    {
        var error = Run(async s =>
        {
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            await using var listener = await guest.Tcp.ListenAsync(s_guest80);
            var forward = s.Forward;
            var client = Task.Run(() =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 60_000 };
                socket.Connect(forward);
                try { return socket.Receive(new byte[16]) == 0 ? SocketError.Success : SocketError.SocketError; }
                catch (SocketException e) { return e.SocketErrorCode; }
            });
            var server = (await listener.AcceptAsync())!;
            server.Abort();
            var result = await client;
            await Streams.WaitUntilAsync(s.Loop, () => s.Network.Counters.ForwardsActive == 0, s_limit, "the splice to end");
            return result;
        });
        Assert.Equal(SocketError.ConnectionReset, error);
    }

    [Fact]
    public void Kernel_client_reset_reaches_the_guest_as_a_reset()
    {
        var error = Run(async s =>
        {
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            await using var listener = await guest.Tcp.ListenAsync(s_guest80);
            var forward = s.Forward;
            var accepting = listener.AcceptAsync().AsTask();
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await Task.Run(() => socket.Connect(forward));
            await using var server = (await accepting)!;
            socket.LingerState = new LingerOption(true, 0);
            socket.Close(); // RST
            var e = await Assert.ThrowsAsync<NetException>(() => Streams.ReadAllAsync(server.Input));
            await Streams.WaitUntilAsync(s.Loop, () => s.Network.Counters.ForwardsActive == 0, s_limit, "the splice to end");
            return e.Error;
        });
        Assert.Equal(NetError.Reset, error);
    }

    [Fact]
    public void Guest_cannot_reach_a_loopback_listener_by_default()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        int port = ((IPEndPoint)target.LocalEndpoint).Port;
        var error = Run(async s =>
        {
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            var e = await Assert.ThrowsAsync<NetException>(async () => await guest.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.0.2.2"), port)));
            return e.Error;
        });
        Assert.Equal(NetError.Refused, error);
        Assert.False(target.Pending());
    }

    [Fact]
    public void With_outbound_allowed_the_router_address_reaches_a_loopback_listener()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        int port = ((IPEndPoint)target.LocalEndpoint).Port;
        var server = Task.Run(() =>
        {
            using var accepted = target.AcceptSocket();
            accepted.ReceiveTimeout = 60_000;
            var got = new MemoryStream();
            var buffer = new byte[1024];
            for (int n; (n = accepted.Receive(buffer)) > 0;) got.Write(buffer, 0, n);
            accepted.Send("pong"u8.ToArray());
            accepted.Shutdown(SocketShutdown.Send);
            return got.ToArray();
        });
        var (reply, got, total) = Run(async s =>
        {
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            await using var flow = await guest.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.0.2.2"), port));
            await Streams.SendAllAsync(flow.Output, "ping"u8.ToArray());
            var reply = await Streams.ReadAllAsync(flow.Input);
            return (reply, await server, s.Network.Counters.OutboundTotal);
        }, allowOutbound: true);
        Assert.Equal("pong"u8.ToArray(), reply);
        Assert.Equal("ping"u8.ToArray(), got);
        Assert.Equal(1, total);
    }

    [Fact]
    public void Kernel_udp_client_gets_its_datagrams_echoed_and_oversized_ones_are_dropped()
    {
        var (replies, tooLong, forwarded) = Run(async s =>
        {
            await using var guest = s.StartGuest();
            await s.WaitForLeaseAsync(guest);
            await using var echo = await guest.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 7));
            _ = EchoDatagramsAsync(echo);
            var forward = s.Forward;
            var replies = await Task.Run(() =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 60_000 };
                socket.Connect(forward);
                socket.Send(new byte[1473]);                // one byte more than a 1500-byte link carries
                socket.Send(new byte[4000]);
                socket.Send("small"u8.ToArray());
                socket.Send(Streams.RandomBytes(1472, 3));  // exactly what fits
                var buffer = new byte[8192];
                return new[] { buffer[..socket.Receive(buffer)], buffer[..socket.Receive(buffer)] };
            });
            return (replies, s.Network.Counters.UdpTooLong, s.Network.Counters.UdpForwarded);
        }, forward: "127.0.0.1:0:7/udp");
        Assert.Equal("small"u8.ToArray(), replies[0]);
        Assert.Equal(Streams.RandomBytes(1472, 3), replies[1]);
        Assert.Equal((2, 2), (tooLong, forwarded));
    }

    private static async Task EchoDatagramsAsync(IUdpSocket socket)
    {
        var buffer = new byte[2048];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer);
                await socket.SendAsync(buffer.AsMemory(0, received.Length), received.RemoteEndPoint);
            }
        }
        catch (NetException)
        {
        }
    }
}
