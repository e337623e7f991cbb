using System.Net;
using System.Text;
using Islet.Net;

namespace Islet.UserNet.Tests;

/// <summary>
/// <c>/udp</c> forwards in memory and virtual time: host clients (an Islet stack beside the
/// "host") send to the forward's host socket, and an echo server in the guest answers.
/// </summary>
public sealed class UserNetworkUdpForwardingTests
{
    private static readonly IPEndPoint s_forward = new(IPAddress.Parse("192.168.0.1"), 5353);
    private static readonly IPEndPoint s_anyPort = new(IPAddress.Any, 0);
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(1);

    private static UserNetworkOptions Options(int flowLimit = 64) => new()
    {
        Forwards = [new PortMapping(s_forward, 7, PortProtocol.Udp)],
        UdpFlowIdleTimeout = TimeSpan.FromSeconds(60),
        UdpFlowLimit = flowLimit,
    };

    /// <summary>Echoes every datagram to its sender, recording each sender, until the socket is disposed.</summary>
    private static async Task EchoAsync(IUdpSocket socket, List<IPEndPoint> senders)
    {
        var buffer = new byte[2048];
        while (true)
        {
            UdpReceived received;
            try
            {
                received = await socket.ReceiveAsync(buffer);
            }
            catch (NetException)
            {
                return;
            }
            senders.Add(received.RemoteEndPoint);
            await socket.SendAsync(buffer.AsMemory(0, received.Length), received.RemoteEndPoint);
        }
    }

    private static async Task<IUdpSocket> StartEchoAsync(VirtualUserNet net, List<IPEndPoint> senders)
    {
        await net.WaitForLeaseAsync();
        var socket = await net.Guest!.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 7));
        _ = EchoAsync(socket, senders);
        return socket;
    }

    /// <summary>Sends <paramref name="text"/> from <paramref name="client"/> to the forward and returns the reply and who sent it.</summary>
    private static async Task<(string Text, IPEndPoint From)> AskAsync(VirtualUserNet net, IUdpSocket client, string text)
    {
        await client.SendAsync(Encoding.ASCII.GetBytes(text), s_forward);
        var buffer = new byte[2048];
        var received = await Streams.Within(net.Loop, client.ReceiveAsync(buffer).AsTask(), s_limit, $"the reply to '{text}'");
        return (Encoding.ASCII.GetString(buffer, 0, received.Length), received.RemoteEndPoint);
    }

    [Fact]
    public void Datagram_reaches_the_guest_from_the_router_and_the_reply_returns_from_the_forward()
    {
        var senders = new List<IPEndPoint>();
        var (reply, stats) = VirtualUserNet.Run(async net =>
        {
            await using var echo = await StartEchoAsync(net, senders);
            await using var client = await net.HostClient.Udp.BindAsync(s_anyPort);
            var reply = await AskAsync(net, client, "ping");
            return (reply, net.Network.FormatStatistics());
        }, Options());
        Assert.Equal("ping", reply.Text);
        Assert.Equal(s_forward, reply.From);
        var sender = Assert.Single(senders);
        Assert.Equal(IPAddress.Parse("10.0.2.2"), sender.Address);
        Assert.Contains("usernet.udp_forwarded 1\n", stats);
        Assert.Contains("usernet.udp_replied 1\n", stats);
        Assert.Contains("usernet.udp_flows 1\n", stats);
        Assert.Contains("usernet.udp_flows_total 1\n", stats);
    }

    [Fact]
    public void Two_clients_each_get_their_own_replies_through_their_own_flows()
    {
        var senders = new List<IPEndPoint>();
        var (replies, active) = VirtualUserNet.Run(async net =>
        {
            await using var echo = await StartEchoAsync(net, senders);
            await using var a = await net.HostClient.Udp.BindAsync(s_anyPort);
            await using var b = await net.HostClient.Udp.BindAsync(s_anyPort);
            var replies = new List<string>();
            for (int i = 0; i < 3; i++)
            {
                // Both ask before either reads: the replies must not cross.
                await a.SendAsync(Encoding.ASCII.GetBytes($"a{i}"), s_forward);
                await b.SendAsync(Encoding.ASCII.GetBytes($"b{i}"), s_forward);
                foreach (var client in new[] { a, b })
                {
                    var buffer = new byte[64];
                    var received = await Streams.Within(net.Loop, client.ReceiveAsync(buffer).AsTask(), s_limit, "a reply");
                    replies.Add(Encoding.ASCII.GetString(buffer, 0, received.Length));
                }
            }
            return (replies, net.Network.Counters.UdpFlowsActive);
        }, Options());
        Assert.Equal(["a0", "b0", "a1", "b1", "a2", "b2"], replies);
        Assert.Equal(2, active);
        Assert.Equal(2, senders.Select(s => s.Port).Distinct().Count()); // one router port per client
        Assert.All(senders, s => Assert.Equal(IPAddress.Parse("10.0.2.2"), s.Address));
    }

    [Fact]
    public void Idle_flow_expires_after_the_timeout_and_the_next_datagram_opens_a_new_one()
    {
        var senders = new List<IPEndPoint>();
        var (beforeTimeout, afterTimeout, expired, again) = VirtualUserNet.Run(async net =>
        {
            await using var echo = await StartEchoAsync(net, senders);
            await using var client = await net.HostClient.Udp.BindAsync(s_anyPort);
            await AskAsync(net, client, "one");
            await net.Loop.Delay(TimeSpan.FromSeconds(59));
            long beforeTimeout = net.Network.Counters.UdpFlowsActive;
            await net.Loop.Delay(TimeSpan.FromSeconds(2));
            long afterTimeout = net.Network.Counters.UdpFlowsActive;
            long expired = net.Network.Counters.UdpFlowsExpired;
            var again = await AskAsync(net, client, "two");
            return (beforeTimeout, afterTimeout, expired, again.Text);
        }, Options());
        Assert.Equal((1, 0, 1), (beforeTimeout, afterTimeout, expired));
        Assert.Equal("two", again);
        Assert.Equal(2, senders.Count);
        Assert.NotEqual(senders[0].Port, senders[1].Port); // a new flow, a new router port
    }

    [Fact]
    public void Traffic_keeps_a_flow_open_past_the_timeout()
    {
        var (active, expired, total) = VirtualUserNet.Run(async net =>
        {
            await using var echo = await StartEchoAsync(net, []);
            await using var client = await net.HostClient.Udp.BindAsync(s_anyPort);
            for (int i = 0; i < 4; i++)
            {
                await AskAsync(net, client, $"keepalive {i}");
                await net.Loop.Delay(TimeSpan.FromSeconds(40));
            }
            return (net.Network.Counters.UdpFlowsActive, net.Network.Counters.UdpFlowsExpired, net.Network.Counters.UdpFlowsTotal);
        }, Options());
        Assert.Equal((1, 0, 1), (active, expired, total));
    }

    [Fact]
    public void New_client_beyond_the_limit_evicts_the_least_recently_active_flow()
    {
        var senders = new List<IPEndPoint>();
        var (replies, active, evicted, total) = VirtualUserNet.Run(async net =>
        {
            await using var echo = await StartEchoAsync(net, senders);
            await using var a = await net.HostClient.Udp.BindAsync(s_anyPort);
            await using var b = await net.HostClient.Udp.BindAsync(s_anyPort);
            await using var c = await net.HostClient.Udp.BindAsync(s_anyPort);
            var replies = new List<string>
            {
                (await AskAsync(net, a, "a")).Text,
                (await AskAsync(net, b, "b")).Text,
                (await AskAsync(net, a, "a again")).Text, // a is now more recent than b
                (await AskAsync(net, c, "c")).Text,       // evicts b
                (await AskAsync(net, a, "a kept")).Text,  // a's flow survived
            };
            return (replies, net.Network.Counters.UdpFlowsActive, net.Network.Counters.UdpFlowsEvicted, net.Network.Counters.UdpFlowsTotal);
        }, Options(flowLimit: 2));
        Assert.Equal(["a", "b", "a again", "c", "a kept"], replies);
        Assert.Equal((2, 1, 3), (active, evicted, total));
        Assert.Equal(senders[0].Port, senders[4].Port); // a kept its router port throughout
        Assert.Equal(senders[0].Port, senders[2].Port);
    }

    [Fact]
    public void Replies_from_another_guest_port_are_dropped()
    {
        var (got, dropped) = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            await using var server = await net.Guest!.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 7));
            await using var other = await net.Guest.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 8));
            await using var client = await net.HostClient.Udp.BindAsync(s_anyPort);
            await client.SendAsync("hello"u8.ToArray(), s_forward);
            var buffer = new byte[64];
            var request = await Streams.Within(net.Loop, server.ReceiveAsync(buffer).AsTask(), s_limit, "the request");
            await other.SendAsync("from port 8"u8.ToArray(), request.RemoteEndPoint); // not the forward's guest port
            await Streams.WaitUntilAsync(net.Loop, () => net.Network.Counters.UdpDropped == 1, s_limit, "the drop");
            await server.SendAsync("from port 7"u8.ToArray(), request.RemoteEndPoint);
            var reply = await Streams.Within(net.Loop, client.ReceiveAsync(buffer).AsTask(), s_limit, "the reply");
            return (Encoding.ASCII.GetString(buffer, 0, reply.Length), net.Network.Counters.UdpDropped);
        }, Options());
        Assert.Equal("from port 7", got);
        Assert.Equal(1, dropped);
    }

    [Fact]
    public void Disposal_closes_every_flow()
    {
        long active = -1;
        VirtualUserNet.Run(async net =>
        {
            await using var echo = await StartEchoAsync(net, []);
            await using var client = await net.HostClient.Udp.BindAsync(s_anyPort);
            await AskAsync(net, client, "x");
            await net.Network.DisposeAsync();
            active = net.Network.Counters.UdpFlowsActive;
            return 0;
        }, Options());
        Assert.Equal(0, active);
    }

    [Fact]
    public void Host_port_taken_fails_the_start_with_address_in_use()
    {
        var twice = Options() with { Forwards = [new PortMapping(s_forward, 7, PortProtocol.Udp), new PortMapping(s_forward, 8, PortProtocol.Udp)] };
        var e = Assert.Throws<NetException>(() => VirtualUserNet.Run(_ => Task.FromResult(0), twice));
        Assert.Equal(NetError.AddressInUse, e.Error);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(16385, 60)]
    [InlineData(64, 0)]
    public void Flow_limit_and_idle_timeout_are_checked(int limit, int idleSeconds)
    {
        var options = Options(limit) with { UdpFlowIdleTimeout = TimeSpan.FromSeconds(idleSeconds) };
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }
}
