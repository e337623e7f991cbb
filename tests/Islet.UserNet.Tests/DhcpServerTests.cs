using Islet.Devices;
using Islet.Net.Dhcp;
using Islet.Net.Wire;
using Islet.UserNet.Dhcp;

namespace Islet.UserNet.Tests;

public sealed class DhcpServerTests
{
    private static readonly Ipv4Address s_router = new(10, 0, 2, 2), s_guest = new(10, 0, 2, 15);
    private static readonly MacAddress s_mac = MacAddress.FromBytes([0x02, 0, 0, 0, 0, 0x0b]);

    internal static DhcpServer NewServer() => new(new DhcpServerOptions
    {
        ServerAddress = s_router, ClientAddress = s_guest, PrefixLength = 24, Router = s_router, LeaseTime = TimeSpan.FromHours(1),
    });

    internal static byte[] Request(DhcpRepr repr)
    {
        var bytes = new byte[repr.BufferLength];
        Assert.True(repr.TryWrite(bytes, out _));
        return bytes;
    }

    private static DhcpRepr Client(DhcpMessageType type) => new() { MessageType = type, TransactionId = 0xfeed, ClientHardwareAddress = s_mac };

    private static (DhcpRepr Reply, DhcpReplyDestination To) Answer(DhcpServer server, DhcpRepr request, long now = 0)
    {
        var reply = new byte[576];
        Assert.True(server.TryRespond(Request(request), now, reply, out int n, out var to));
        Assert.True(DhcpMessage.TryCreate(reply.AsSpan(0, n), out var message));
        Assert.True(DhcpRepr.TryParse(message, out var repr));
        return (repr, to);
    }

    private static bool Silent(DhcpServer server, ReadOnlySpan<byte> request) => !server.TryRespond(request, 0, new byte[576], out _, out _);

    [Fact]
    public void Discover_is_offered_the_guest_address_by_unicast_to_its_mac()
    {
        var server = NewServer();
        var (offer, to) = Answer(server, Client(DhcpMessageType.Discover));
        Assert.True(offer.IsReply);
        Assert.Equal(DhcpMessageType.Offer, offer.MessageType);
        Assert.Equal(0xfeedu, offer.TransactionId);
        Assert.Equal(s_mac, offer.ClientHardwareAddress);
        Assert.Equal(s_guest, offer.YourAddress);
        Assert.Equal(s_router, offer.ServerIdentifier);
        Assert.Equal(s_router, offer.Router);
        Assert.Equal(new Ipv4Address(255, 255, 255, 0), offer.SubnetMask);
        Assert.Equal(3600u, offer.LeaseTime);
        Assert.True(offer.Dns.IsUnspecified);
        Assert.Equal(new DhcpReplyDestination(s_guest, s_mac), to);
        Assert.True(to.BypassesArp);
        Assert.False(server.HasLease(0));
        Assert.Equal(1, server.Counters.Offers);
    }

    [Fact]
    public void Broadcast_flag_gets_a_broadcast_reply()
    {
        var (_, to) = Answer(NewServer(), Client(DhcpMessageType.Discover) with { Broadcast = true });
        Assert.True(to.IsBroadcast);
        Assert.False(to.BypassesArp);
    }

    [Fact]
    public void Request_for_the_offered_address_is_acknowledged_and_binds_the_lease()
    {
        var server = NewServer();
        var (ack, _) = Answer(server, Client(DhcpMessageType.Request) with { RequestedAddress = s_guest, ServerIdentifier = s_router }, now: 5);
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal(s_guest, ack.YourAddress);
        Assert.Equal(3600u, ack.LeaseTime);
        Assert.Equal(s_mac, server.BoundClient);
        Assert.True(server.HasLease(5));
        Assert.False(server.HasLease(5 + 3600L * 1_000_000_000));
        Assert.Equal(1, server.Counters.Leases);
    }

    [Fact]
    public void Request_for_another_address_is_refused_by_broadcast()
    {
        var server = NewServer();
        var (nak, to) = Answer(server, Client(DhcpMessageType.Request) with { RequestedAddress = new Ipv4Address(10, 0, 2, 99) });
        Assert.Equal(DhcpMessageType.Nak, nak.MessageType);
        Assert.True(nak.YourAddress.IsUnspecified);
        Assert.Equal(0u, nak.LeaseTime);
        Assert.Equal(s_router, nak.ServerIdentifier);
        Assert.True(to.IsBroadcast);
        Assert.Null(server.BoundClient);
        Assert.Equal(1, server.Counters.Naks);
    }

    [Fact]
    public void Renewal_is_acknowledged_by_unicast_to_the_client_address()
    {
        var (ack, to) = Answer(NewServer(), Client(DhcpMessageType.Request) with { ClientAddress = s_guest });
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal(new DhcpReplyDestination(s_guest, default), to);
    }

    [Fact]
    public void Renewal_of_a_foreign_address_is_refused()
    {
        var (nak, _) = Answer(NewServer(), Client(DhcpMessageType.Request) with { ClientAddress = new Ipv4Address(192, 168, 1, 5) });
        Assert.Equal(DhcpMessageType.Nak, nak.MessageType);
    }

    [Fact]
    public void Request_to_another_server_is_ignored()
    {
        var server = NewServer();
        Assert.True(Silent(server, Request(Client(DhcpMessageType.Request) with { RequestedAddress = s_guest, ServerIdentifier = new Ipv4Address(10, 0, 2, 3) })));
        Assert.Equal(1, server.Counters.Ignored);
    }

    [Fact]
    public void Inform_gets_configuration_without_a_lease()
    {
        var (ack, to) = Answer(NewServer(), Client(DhcpMessageType.Inform) with { ClientAddress = s_guest });
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal(0u, ack.LeaseTime);
        Assert.True(ack.YourAddress.IsUnspecified);
        Assert.Equal(s_router, ack.Router);
        Assert.Equal(s_guest, to.Address);
    }

    [Fact]
    public void Release_and_decline_end_the_binding_silently()
    {
        var server = NewServer();
        Answer(server, Client(DhcpMessageType.Request) with { RequestedAddress = s_guest });
        Assert.True(Silent(server, Request(Client(DhcpMessageType.Release) with { ClientAddress = s_guest })));
        Assert.Null(server.BoundClient);
        Answer(server, Client(DhcpMessageType.Request) with { RequestedAddress = s_guest });
        Assert.True(Silent(server, Request(Client(DhcpMessageType.Decline) with { RequestedAddress = s_guest })));
        Assert.Null(server.BoundClient);
        Assert.Equal((1, 1), (server.Counters.Releases, server.Counters.Declines));
    }

    [Fact]
    public void Malformed_and_unwanted_messages_get_no_answer()
    {
        var server = NewServer();
        var good = Request(Client(DhcpMessageType.Discover));
        Assert.True(Silent(server, []));
        Assert.True(Silent(server, good.AsSpan(0, 239)));                     // shorter than header + cookie
        var noCookie = (byte[])good.Clone(); noCookie[236] ^= 1;
        Assert.True(Silent(server, noCookie));
        var notEthernet = (byte[])good.Clone(); notEthernet[1] = 6;
        Assert.True(Silent(server, notEthernet));
        var truncatedOption = good.AsSpan(0, 243).ToArray(); truncatedOption[240] = 53; truncatedOption[241] = 9;
        Assert.True(Silent(server, truncatedOption));                         // option length past the end
        var noType = (byte[])good.Clone(); noType[240] = 255;
        Assert.True(Silent(server, noType));                                  // no message type
        Assert.Equal(6, server.Counters.Malformed);
        Assert.True(Silent(server, Request(Client(DhcpMessageType.Offer) with { IsReply = true })));
        var relayed = (byte[])good.Clone(); relayed[24] = 10;
        Assert.True(Silent(server, relayed));
        Assert.True(Silent(server, Request(Client(DhcpMessageType.Request))));   // asks for nothing
        Assert.Equal(3, server.Counters.Ignored);
        Assert.True(server.TryRespond(good, 0, new byte[576], out _, out _));
        Assert.False(server.TryRespond(good, 0, new byte[100], out int n, out _)); // reply buffer too small
        Assert.Equal(0, n);
    }

    [Fact]
    public void Fuzzed_messages_never_throw()
    {
        var random = new Random(2131);
        var server = NewServer();
        var seeds = new[]
        {
            Request(Client(DhcpMessageType.Discover)),
            Request(Client(DhcpMessageType.Request) with { RequestedAddress = s_guest, ServerIdentifier = s_router }),
            Request(Client(DhcpMessageType.Request) with { ClientAddress = s_guest }),
            Request(Client(DhcpMessageType.Inform) with { ClientAddress = s_guest }),
        };
        var reply = new byte[576];
        int answered = 0;
        for (int i = 0; i < 120_000; i++)
        {
            var seed = seeds[random.Next(seeds.Length)];
            int length = random.Next(4) == 0 ? random.Next(seed.Length + 64) : seed.Length;
            var input = new byte[length];
            seed.AsSpan(0, Math.Min(length, seed.Length)).CopyTo(input);
            int flips = random.Next(1, 12);
            for (int f = 0; f < flips && length > 0; f++)
            {
                // Mostly hit the options, where the parser has the most to get wrong.
                int at = random.Next(2) == 0 && length > 240 ? random.Next(240, length) : random.Next(length);
                input[at] = (byte)random.Next(256);
            }
            if (server.TryRespond(input, i, reply, out int n, out _))
            {
                answered++;
                Assert.InRange(n, DhcpRepr.MinLength, reply.Length);
            }
        }
        Assert.InRange(answered, 1, 119_999);
    }
}
