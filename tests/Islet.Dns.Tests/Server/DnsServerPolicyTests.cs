using System.Net.Sockets;
using Islet.Dns.Persistence;
using Islet.Dns.Server;
using Islet.Dns.Server.Internal;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

/// <summary>The server's rate limiting, NOTIFY refusal and failed saves, over kernel sockets on 127.0.0.1.</summary>
public sealed class DnsServerPolicyTests
{
    [Fact]
    public void Over_the_rate_limit_udp_responses_are_dropped_or_slipped_and_tcp_is_not_limited()
    {
        var options = new DnsServerOptions { RateLimit = new ResponseRateLimiterOptions { Enabled = true, ResponsesPerSecond = 2, Slip = 2 } };
        using var harness = new ServerHarness(options);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2_000 };
        const int sent = 40;
        for (int i = 0; i < sent; i++)
            socket.SendTo(DnsWireClient.Encode(Query("www.example.com", DnsType.A, id: (ushort)i)), harness.EndPoint);
        int full = 0, slipped = 0;
        byte[] buffer = new byte[2048];
        try
        {
            while (true)
            {
                int length = socket.Receive(buffer);
                DnsMessage reply = DnsMessage.Parse(buffer.AsSpan(0, length));
                if (reply.Header.IsTruncated && reply.Answers.Count == 0)
                    slipped++;
                else
                    full++;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
        }
        long limited = harness.OnLoop(() => harness.Server.Counters.RateLimited);
        Assert.True(full < sent, $"{full} full answers of {sent}");
        Assert.True(slipped > 0, "no slip was sent");
        Assert.Equal(sent, full + limited); // every query got a full answer or was limited (a slip counts as limited)
        using Socket tcp = DnsWireClient.ConnectTcp(harness.EndPoint);
        for (int i = 0; i < 10; i++)
        {
            tcp.Send(DnsWireClient.Frame(Query("www.example.com", DnsType.A, id: (ushort)i)));
            Assert.Single(DnsWireClient.ReadFrame(tcp)!.Answers);
        }
    }

    [Fact]
    public void An_incoming_notify_is_refused_and_a_response_is_never_answered()
    {
        using var harness = new ServerHarness();
        DnsMessage notify = new()
        {
            Header = new DnsHeader { Id = 99, Opcode = 4, IsAuthoritative = true },
            Questions = [new DnsQuestion(Origin, DnsType.SOA)],
        };
        DnsMessage reply = DnsWireClient.ExchangeUdp(harness.EndPoint, notify);
        Assert.Equal(99, reply.Header.Id);
        Assert.Equal(4, reply.Header.Opcode);
        Assert.Equal(DnsRcode.Refused, reply.Header.Rcode);
    }

    [Fact]
    public void An_update_whose_save_fails_gets_servfail_and_changes_nothing()
    {
        var options = new DnsServerOptions
        {
            Updates = new Islet.Dns.Update.UpdatePolicy { RequireTsig = false },
            Persistence = new Dictionary<DnsName, IZonePersistence> { [Origin] = new FailingPersistence() },
        };
        using var harness = new ServerHarness(options);
        DnsMessage update = new()
        {
            Header = new DnsHeader { Id = 5, Opcode = 5 },
            Questions = [new DnsQuestion(Origin, DnsType.SOA)],
            Authority = [new DnsRecord(DnsName.Parse("added.example.com."), DnsClass.Internet, 300, new ARecordData(System.Net.IPAddress.Parse("192.0.2.7")))],
        };
        DnsMessage reply = DnsWireClient.ExchangeUdp(harness.EndPoint, update);
        Assert.Equal(DnsRcode.ServFail, reply.Header.Rcode);
        Assert.Equal(DnsRcode.NxDomain, DnsWireClient.ExchangeUdp(harness.EndPoint, Query("added.example.com", DnsType.A)).Header.Rcode);
        Assert.Equal(1, harness.OnLoop(() => harness.Server.Counters.UpdateSaveFailures));

        var working = options with { Persistence = new Dictionary<DnsName, IZonePersistence>() };
        using var second = new ServerHarness(working);
        Assert.Equal(DnsRcode.NoError, DnsWireClient.ExchangeUdp(second.EndPoint, update).Header.Rcode);
        Assert.Equal("192.0.2.7", DnsWireClient.ExchangeUdp(second.EndPoint, Query("added.example.com", DnsType.A)).Answers[0].Data.ToString());
        Assert.NotNull(second.OnLoop(() => second.Server.Journal(Origin)!.NewestSerial));
    }

    private sealed class FailingPersistence : IZonePersistence
    {
        public ValueTask SaveAsync(DnsZone zone, Islet.Dns.Zone.ZoneDiff? diff, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("the disk is full"));

        public ValueTask<DnsZone?> LoadAsync(DnsName origin, CancellationToken cancellationToken = default) => ValueTask.FromResult<DnsZone?>(null);
    }
}
