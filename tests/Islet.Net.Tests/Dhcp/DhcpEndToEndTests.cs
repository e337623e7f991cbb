using Islet.Links;
using Islet.Net.Dhcp;
using Islet.Net.Interface;
using Islet.Net.Ip;
using Islet.Net.Tests.Interface;
using Islet.Net.Udp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Dhcp;

public class DhcpEndToEndTests
{
    private static readonly Ipv4Address s_leased = new(10, 0, 0, 50);

    /// <summary>A tiny DHCP server on host B (10.0.0.2): offers and acknowledges 10.0.0.50/24 for an hour.</summary>
    private sealed class TinyServer(UdpSocket socket)
    {
        private readonly byte[] _buffer = new byte[1500];
        public List<(DhcpMessageType Type, Ipv4Endpoint From, Ipv4Address ClientAddress)> Seen { get; } = [];

        public void Serve()
        {
            while (socket.TryReceive(_buffer, out int length, out var from))
            {
                if (!DhcpMessage.TryCreate(_buffer.AsSpan(0, length), out var message) || !DhcpRepr.TryParse(message, out var request)) continue;
                Seen.Add((request.MessageType, from, request.ClientAddress));
                var type = request.MessageType == DhcpMessageType.Discover ? DhcpMessageType.Offer : DhcpMessageType.Ack;
                var reply = new DhcpRepr
                {
                    IsReply = true, MessageType = type, TransactionId = request.TransactionId,
                    ClientHardwareAddress = request.ClientHardwareAddress, YourAddress = s_leased,
                    ServerIdentifier = TwoHosts.AddressB, LeaseTime = 3600, SubnetMask = new(255, 255, 255, 0),
                    Router = TwoHosts.AddressB, Dns = TwoHosts.AddressB,
                };
                var bytes = new byte[reply.BufferLength];
                reply.TryWrite(bytes, out _);
                var to = request.ClientAddress.IsUnspecified ? Ipv4Address.Broadcast : request.ClientAddress;
                socket.TrySend(new Ipv4Endpoint(to, 68), bytes);
            }
        }
    }

    [Fact]
    public void Client_obtains_a_lease_answers_ping_and_renews_at_t1()
    {
        using var hosts = new TwoHosts(new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(1) },
            configA: InterfaceConfig.Dhcp(transactionSeed: 0x1234));
        using var socket = hosts.UdpB.Bind(67);
        var server = new TinyServer(socket);
        var replies = new List<(ushort, ushort, byte[])>();
        hosts.Loop.Run(async () =>
        {
            await hosts.RunUntil(() => { server.Serve(); return hosts.A.Config.Address == s_leased; }, TimeSpan.FromSeconds(30));
            Assert.Equal(s_leased, hosts.A.Config.Address);
            Assert.Equal(DhcpClientState.Bound, hosts.A.DhcpClient!.State);
            Assert.Equal(24, hosts.A.Config.PrefixLength);
            Assert.Equal(TwoHosts.AddressB, hosts.A.Config.Gateway);

            hosts.B.TrySendEchoRequest(s_leased, 1, 1, [7], hosts.Now);
            await hosts.RunFor(TimeSpan.FromSeconds(1));
            Assert.Equal(1, hosts.A.Counters.Icmp.EchoRepliesSent);

            await hosts.RunUntil(() => { server.Serve(); return server.Seen.Count == 3; }, TimeSpan.FromSeconds(1900));
            await hosts.RunFor(TimeSpan.FromSeconds(1));
        });
        Assert.Equal(DhcpMessageType.Discover, server.Seen[0].Type);
        Assert.Equal(DhcpMessageType.Request, server.Seen[1].Type);
        var renewal = server.Seen[2];
        Assert.Equal(DhcpMessageType.Request, renewal.Type);
        Assert.Equal(new Ipv4Endpoint(s_leased, 68), renewal.From); // unicast from the leased address
        Assert.Equal(DhcpClientState.Bound, hosts.A.DhcpClient!.State);
        Assert.Equal(s_leased, hosts.A.Config.Address);
    }
}
