using System.Buffers;
using System.Net;
using Islet.Dns.Security;
using Islet.Dns.Server;
using Islet.Dns.Server.Internal;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using Islet.Events;
using Islet.Net;
using DnsZone = Islet.Dns.Zone.Zone;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

/// <summary>
/// Everything a client can send, through the server's whole routing (queries, updates signed and
/// not, AXFR and IXFR, NOTIFY, responses, garbage) on one event loop without sockets: nothing
/// escapes, every reply parses, and the zone changes only by updates signed with the key.
/// </summary>
public sealed class DnsServerFuzzTests
{
    private const int Messages = 100_000;

    [Fact]
    public void Mutated_messages_of_every_kind_never_throw_and_every_reply_parses()
    {
        var key = TsigKey.Parse("hmac-sha256:fuzz-key:c2VjcmV0LWtleS1mb3ItaXNsZXQtZG5zLXRlc3RzIQ==");
        var options = new DnsServerOptions
        {
            Keys = new TsigKeyring(key),
            Transfers = TransferPolicy.LoopbackOnly,
            RateLimit = new ResponseRateLimiterOptions { Enabled = true, ResponsesPerSecond = 1000 },
        };
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var server = new DnsServer(new NoStack(), options, DnsZone.Load(Text, Origin));
        byte[][] seeds = Seeds(key, loop);
        var random = new Random(53);
        int replies = 0, changes = 0;
        loop.Run(async () =>
        {
            for (int i = 0; i < Messages; i++)
            {
                byte[] message = (byte[])seeds[random.Next(seeds.Length)].Clone();
                int flips = random.Next(4);
                for (int f = 0; f < flips; f++)
                    message[random.Next(message.Length)] = (byte)random.Next(256);
                if (random.Next(20) == 0)
                    message = message[..random.Next(message.Length)];
                var channel = new RecordingChannel(random.Next(2) == 0 ? DnsTransport.Udp : DnsTransport.Tcp);
                await server.HandleAsync(new ReadOnlySequence<byte>(message), channel);
                foreach (byte[] reply in channel.Sent)
                {
                    DnsMessage.Parse(reply); // throws (and fails the test) if a reply does not parse
                    replies++;
                }
            }
            changes = (int)server.Counters.UpdatesApplied;
        });
        Assert.True(replies > Messages / 2, $"only {replies} replies");
        // Mutated signed updates almost never keep a valid MAC; the unmutated ones apply.
        Assert.True(changes > 0 && changes < Messages / 10, $"{changes} updates applied");
        Assert.True(server.Counters.Transfers > 0 && server.Counters.Updates > 0 && server.Counters.CacheHits > 0);
    }

    private static byte[][] Seeds(TsigKey key, EventLoop loop)
    {
        var seeds = new List<byte[]>
        {
            DnsWireClient.Encode(Query("www.example.com", DnsType.A)),
            DnsWireClient.Encode(Query("big.example.com", DnsType.TXT, edns: true)),
            DnsWireClient.Encode(Query("x.wild.example.com", DnsType.ANY)),
            DnsWireClient.Encode(Query("sub.example.com", DnsType.NS)),
            DnsWireClient.Encode(Query("example.com", DnsType.AXFR)),
            DnsWireClient.Encode(new DnsMessage
            {
                Header = new DnsHeader { Id = 3 },
                Questions = [new DnsQuestion(Origin, DnsType.IXFR)],
                Authority = [ServerZoneSoa(2024010100)],
            }),
            DnsWireClient.Encode(new DnsMessage { Header = new DnsHeader { Id = 4, Opcode = 4, IsAuthoritative = true }, Questions = [new DnsQuestion(Origin, DnsType.SOA)] }),
            DnsWireClient.Encode(new DnsMessage { Header = new DnsHeader { Id = 5, Opcode = 4, IsResponse = true }, Questions = [new DnsQuestion(Origin, DnsType.SOA)] }),
        };
        for (int i = 0; i < 4; i++)
        {
            var update = new DnsMessage
            {
                Header = new DnsHeader { Id = (ushort)(10 + i), Opcode = 5 },
                Questions = [new DnsQuestion(Origin, DnsType.SOA)],
                Authority = [new DnsRecord(DnsName.Parse($"f{i}.example.com."), DnsClass.Internet, 60, new ARecordData(IPAddress.Parse($"192.0.2.{i}")))],
            };
            byte[] buffer = new byte[1024];
            int length = DnsMessageWriter.Write(update, buffer);
            seeds.Add(buffer[..length]);
            Assert.True(TsigSigner.TrySignRequest(buffer, length, key, loop.UtcNow, out int signed, out _));
            seeds.Add(buffer[..signed]);
        }
        return [.. seeds];
    }

    private static DnsRecord ServerZoneSoa(uint serial) =>
        new(Origin, DnsClass.Internet, 3600, new SoaRecordData(DnsName.Parse("ns1.example.com."), DnsName.Parse("hostmaster.example.com."), serial, 7200, 900, 1209600, 300));

    private sealed class RecordingChannel(DnsTransport transport) : IDnsReplyChannel
    {
        private readonly byte[] _buffer = new byte[transport == DnsTransport.Udp ? 1232 : 65535];

        public List<byte[]> Sent { get; } = [];

        public DnsTransport Transport => transport;

        public IPEndPoint Remote { get; } = new(IPAddress.Loopback, 5353);

        public Span<byte> GetBuffer() => _buffer;

        public ValueTask SendAsync(int length)
        {
            Sent.Add(_buffer[..length]);
            return default;
        }
    }

    private sealed class NoStack : IStack
    {
        public ITcpStack Tcp => throw new NotSupportedException();

        public IUdpStack Udp => throw new NotSupportedException();
    }
}
