using System.Net;
using Islet.Net;
using Islet.Net.Wire;
using Islet.UserNet.Dhcp;

namespace Islet.UserNet.Tests;

/// <summary>The user network with an Islet guest and an Islet "host", all in memory and virtual time.</summary>
public sealed class UserNetworkInMemoryTests
{
    private static readonly IPEndPoint s_guest80 = new(IPAddress.Any, 80);

    [Fact]
    public void Guest_leases_its_address_with_the_router_as_gateway()
    {
        var (config, lease, leases) = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            return (net.Guest!.Interface.Config, net.Guest.Interface.DhcpClient!.Lease!, net.Network.Dhcp.Counters.Leases);
        });
        Assert.Equal(new Ipv4Address(10, 0, 2, 15), config.Address);
        Assert.Equal(24, config.PrefixLength);
        Assert.Equal(new Ipv4Address(10, 0, 2, 2), config.Gateway);
        Assert.Equal(new Ipv4Address(10, 0, 2, 2), lease.Server);
        Assert.True(lease.Dns.IsUnspecified);
        Assert.Equal(TimeSpan.FromHours(24), lease.Duration);
        Assert.Equal(1, leases);
    }

    [Fact]
    public void Forward_carries_a_megabyte_both_ways_byte_exact()
    {
        var payload = Streams.RandomBytes(1 << 20, 7);
        var (echoed, stats) = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            await using var listener = await net.Guest!.Tcp.ListenAsync(s_guest80);
            _ = Streams.EchoAsync(listener);
            await using var client = await net.HostClient.Tcp.ConnectAsync(VirtualUserNet.ForwardEndPoint);
            var reading = Streams.ReadAllAsync(client.Input);
            await Streams.SendAllAsync(client.Output, payload);
            var back = await reading;
            await Streams.WaitUntilAsync(net.Loop, () => net.Network.Counters.ForwardsActive == 0, TimeSpan.FromMinutes(1), "the splice to end");
            return (back, net.Network.FormatStatistics());
        });
        Assert.Equal(payload, echoed);
        Assert.Contains("usernet.forwards_total 1\n", stats);
        Assert.Contains("usernet.forwards_active 0\n", stats);
        Assert.Contains("dhcp.leases 1\n", stats);
        Assert.Contains("tcp.connections", stats);
    }

    [Fact]
    public void Client_that_connects_before_the_guest_boots_is_served()
    {
        var echoed = VirtualUserNet.Run(async net =>
        {
            await using var client = await net.HostClient.Tcp.ConnectAsync(VirtualUserNet.ForwardEndPoint);
            await client.Output.WriteAsync("early"u8.ToArray());
            await client.Output.CompleteAsync();
            await net.Loop.Delay(TimeSpan.FromSeconds(2)); // no guest yet: the router retries
            var guest = net.StartGuest();
            await net.WaitForLeaseAsync();
            await Task.Yield();
            await using var listener = await guest.Tcp.ListenAsync(s_guest80);
            _ = Streams.EchoAsync(listener);
            var back = await Streams.ReadAllAsync(client.Input);
            Assert.True(net.Network.Counters.GuestConnectRetries > 0);
            return back;
        }, startGuest: false);
        Assert.Equal("early"u8.ToArray(), echoed);
    }

    [Fact]
    public void Host_connection_is_reset_when_the_guest_never_listens()
    {
        var (error, failed) = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            await using var client = await net.HostClient.Tcp.ConnectAsync(VirtualUserNet.ForwardEndPoint);
            var error = await Assert.ThrowsAsync<NetException>(() => Streams.ReadAllAsync(client.Input));
            return (error.Error, net.Network.Counters.ForwardsFailed);
        });
        Assert.Equal(NetError.Reset, error);
        Assert.Equal(1, failed);
    }

    [Fact]
    public void Half_close_travels_both_ways()
    {
        var (guestGot, clientGot) = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            await using var listener = await net.Guest!.Tcp.ListenAsync(s_guest80);
            var accepting = listener.AcceptAsync().AsTask();
            await using var client = await net.HostClient.Tcp.ConnectAsync(VirtualUserNet.ForwardEndPoint);
            await client.Output.WriteAsync("question"u8.ToArray());
            await client.Output.CompleteAsync();                  // FIN from the host side
            await using var server = (await accepting)!;
            var question = await Streams.ReadAllAsync(server.Input); // ends: the FIN arrived
            await server.Output.WriteAsync("answer after your FIN"u8.ToArray());
            await server.Output.CompleteAsync();
            return (question, await Streams.ReadAllAsync(client.Input));
        });
        Assert.Equal("question"u8.ToArray(), guestGot);
        Assert.Equal("answer after your FIN"u8.ToArray(), clientGot);
    }

    [Fact]
    public void Reset_by_the_guest_reaches_the_host_client()
    {
        var error = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            await using var listener = await net.Guest!.Tcp.ListenAsync(s_guest80);
            var accepting = listener.AcceptAsync().AsTask();
            await using var client = await net.HostClient.Tcp.ConnectAsync(VirtualUserNet.ForwardEndPoint);
            var server = (await accepting)!;
            server.Abort();
            var e = await Assert.ThrowsAsync<NetException>(() => Streams.ReadAllAsync(client.Input));
            await Streams.WaitUntilAsync(net.Loop, () => net.Network.Counters.ForwardsActive == 0, TimeSpan.FromMinutes(1), "the splice to end");
            return e.Error;
        });
        Assert.Equal(NetError.Reset, error);
    }

    [Fact]
    public void Reset_by_the_host_client_reaches_the_guest()
    {
        var error = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            await using var listener = await net.Guest!.Tcp.ListenAsync(s_guest80);
            var accepting = listener.AcceptAsync().AsTask();
            var client = await net.HostClient.Tcp.ConnectAsync(VirtualUserNet.ForwardEndPoint);
            await using var server = (await accepting)!;
            client.Abort();
            var e = await Assert.ThrowsAsync<NetException>(() => Streams.ReadAllAsync(server.Input));
            await Streams.WaitUntilAsync(net.Loop, () => net.Network.Counters.ForwardsActive == 0, TimeSpan.FromMinutes(1), "the splice to end");
            return e.Error;
        });
        Assert.Equal(NetError.Reset, error);
    }

    [Theory]
    [InlineData("10.0.2.2", 9999)]      // the router itself, a closed port
    [InlineData("93.184.216.34", 80)]   // beyond the gateway (the reset never leaves the memory link)
    [InlineData("10.0.2.77", 80)]       // on-link: the router answers ARP for it
    public void Guest_connections_out_are_refused_by_default(string address, int port)
    {
        var (error, refused) = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            var e = await Assert.ThrowsAsync<NetException>(async () =>
                await net.Guest!.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse(address), port)));
            return (e.Error, net.Network.Stack.TcpLayer.Counters.Dropped(Islet.Net.Tcp.TcpDropReason.NoSocket));
        });
        Assert.Equal(NetError.Refused, error);
        Assert.Equal(1, refused);
    }

    [Fact]
    public void Guest_udp_to_anywhere_gets_port_unreachable()
    {
        var (sent, received) = VirtualUserNet.Run(async net =>
        {
            await net.WaitForLeaseAsync();
            await using var socket = await net.Guest!.Udp.BindAsync(new IPEndPoint(IPAddress.Any, 0));
            await socket.SendAsync("query"u8.ToArray(), new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53));
            await socket.SendAsync("query"u8.ToArray(), new IPEndPoint(IPAddress.Parse("10.0.2.2"), 53));
            await Streams.WaitUntilAsync(net.Loop, () => net.Guest.Interface.Counters.Icmp.UnreachableReceived == 2, TimeSpan.FromMinutes(1), "two port unreachables");
            return (net.Network.Stack.Interface.Counters.Icmp.UnreachableSent, net.Guest.Interface.Counters.Icmp.UnreachableReceived);
        });
        Assert.Equal((2, 2), (sent, received));
    }

    [Fact]
    public void Statistics_have_one_counter_per_line()
    {
        var text = VirtualUserNet.Run(async net => { await net.WaitForLeaseAsync(); return net.Network.FormatStatistics(); });
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            var parts = line.Split(' ');
            Assert.Equal(2, parts.Length);
            Assert.True(long.TryParse(parts[1], out _), line);
        }
        Assert.Contains("usernet.refused_tcp 0\n", text);
        Assert.Contains("dhcp.offers 1\n", text);
    }
}
