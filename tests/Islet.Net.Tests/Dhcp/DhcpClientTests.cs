using Islet.Devices;
using Islet.Net.Dhcp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Dhcp;

public class DhcpClientTests
{
    private const long Second = 1_000_000_000;
    private static readonly MacAddress s_mac = MacAddress.FromBytes([2, 0, 0, 0, 0, 1]);
    private static readonly Ipv4Address s_server = new(10, 0, 0, 1);
    private static readonly Ipv4Address s_offered = new(10, 0, 0, 50);

    private static DhcpRepr Reply(DhcpMessageType type, uint xid, uint lease = 3600) => new()
    {
        IsReply = true, MessageType = type, TransactionId = xid, ClientHardwareAddress = s_mac, YourAddress = s_offered,
        ServerIdentifier = s_server, LeaseTime = lease, SubnetMask = new(255, 255, 255, 0), Router = s_server,
    };

    private static DhcpRepr Take(DhcpClient client, long now, out Ipv4Address destination)
    {
        Assert.True(client.TryTakeMessage(now, out var message, out destination));
        return message;
    }

    private static DhcpClient Bound(long at)
    {
        var client = new DhcpClient(s_mac, 100);
        var discover = Take(client, at, out _);
        client.Receive(Reply(DhcpMessageType.Offer, discover.TransactionId), at);
        var request = Take(client, at, out _);
        client.Receive(Reply(DhcpMessageType.Ack, request.TransactionId), at);
        return client;
    }

    [Fact]
    public void Discover_offer_request_ack_binds_the_lease()
    {
        var client = new DhcpClient(s_mac, 100);
        var discover = Take(client, 0, out var destination);
        Assert.Equal(DhcpMessageType.Discover, discover.MessageType);
        Assert.Equal(Ipv4Address.Broadcast, destination);
        Assert.Equal(DhcpClientState.Selecting, client.State);
        client.Receive(Reply(DhcpMessageType.Offer, discover.TransactionId + 1), 0);
        Assert.Equal(1, client.Ignored);
        client.Receive(Reply(DhcpMessageType.Offer, discover.TransactionId), Second);
        var request = Take(client, Second, out destination);
        Assert.Equal(DhcpMessageType.Request, request.MessageType);
        Assert.Equal(s_offered, request.RequestedAddress);
        Assert.Equal(s_server, request.ServerIdentifier);
        Assert.Equal(Ipv4Address.Broadcast, destination);
        client.Receive(Reply(DhcpMessageType.Ack, request.TransactionId), 2 * Second);
        Assert.Equal(DhcpClientState.Bound, client.State);
        Assert.Equal(new DhcpLease(s_offered, 24, s_server, default, s_server, TimeSpan.FromHours(1)), client.Lease);
        Assert.Equal(Second + 1800 * Second, client.NextDeadline); // T1 counts from the request
    }

    [Fact]
    public void Discover_is_retransmitted_with_exponential_backoff()
    {
        var client = new DhcpClient(s_mac, 5);
        long now = 0;
        Take(client, now, out _);
        foreach (long expected in new long[] { 4, 8, 16, 32, 64, 64 })
        {
            long delay = client.NextDeadline - now;
            Assert.InRange(delay, (expected - 1) * Second, (expected + 1) * Second);
            Assert.False(client.TryTakeMessage(client.NextDeadline - 1, out _, out _));
            now = client.NextDeadline;
            Assert.Equal(DhcpMessageType.Discover, Take(client, now, out _).MessageType);
        }
    }

    [Fact]
    public void Renews_by_unicast_at_t1_rebinds_by_broadcast_at_t2_and_expires()
    {
        var client = Bound(0);
        var renew = Take(client, 1800 * Second, out var destination);
        Assert.Equal(DhcpClientState.Renewing, client.State);
        Assert.Equal(s_server, destination);
        Assert.Equal(s_offered, renew.ClientAddress);
        Assert.True(renew.RequestedAddress.IsUnspecified);
        Assert.Equal(2475 * Second, client.NextDeadline); // half of the 1350 s left to T2
        long now = 1800 * Second;
        while (client.NextDeadline < 3150 * Second)
        {
            long gap = client.NextDeadline - now;
            Assert.True(gap >= 60 * Second || client.NextDeadline == 3150 * Second);
            now = client.NextDeadline;
            Assert.Equal(s_server, Take(client, now, out var unicast).ClientAddress == s_offered ? unicast : default);
        }
        Assert.Equal(3150 * Second, client.NextDeadline); // never past T2
        var rebind = Take(client, 3150 * Second, out destination);
        Assert.Equal(DhcpClientState.Rebinding, client.State);
        Assert.Equal(Ipv4Address.Broadcast, destination);
        Assert.Equal(s_offered, rebind.ClientAddress);
        while (client.NextDeadline < 3600 * Second) Take(client, client.NextDeadline, out _);
        var discover = Take(client, 3600 * Second, out _);
        Assert.Equal(DhcpMessageType.Discover, discover.MessageType);
        Assert.Null(client.Lease);
    }

    [Fact]
    public void Ack_while_renewing_extends_the_lease()
    {
        var client = Bound(0);
        var renew = Take(client, 1800 * Second, out _);
        client.Receive(Reply(DhcpMessageType.Ack, renew.TransactionId), 1801 * Second);
        Assert.Equal(DhcpClientState.Bound, client.State);
        Assert.Equal(3600 * Second, client.NextDeadline);
    }

    [Fact]
    public void Nak_returns_to_init_and_drops_the_lease()
    {
        var client = Bound(0);
        var renew = Take(client, 1800 * Second, out _);
        client.Receive(Reply(DhcpMessageType.Nak, renew.TransactionId), 1801 * Second);
        Assert.Equal(DhcpClientState.Init, client.State);
        Assert.Null(client.Lease);
        Assert.Equal(DhcpMessageType.Discover, Take(client, 1801 * Second, out _).MessageType);
    }

    [Fact]
    public void Unanswered_requests_fall_back_to_discover()
    {
        var client = new DhcpClient(s_mac, 9);
        var discover = Take(client, 0, out _);
        client.Receive(Reply(DhcpMessageType.Offer, discover.TransactionId), 0);
        for (int i = 0; i < 4; i++) Assert.Equal(DhcpMessageType.Request, Take(client, client.NextDeadline, out _).MessageType);
        Assert.Equal(DhcpMessageType.Discover, Take(client, client.NextDeadline, out _).MessageType);
        Assert.Equal(DhcpClientState.Selecting, client.State);
    }
}
