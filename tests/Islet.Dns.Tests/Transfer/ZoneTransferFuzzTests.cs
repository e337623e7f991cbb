using System.Diagnostics;
using System.Net;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using Xunit.Abstractions;
using static Islet.Dns.Tests.Transfer.TransferZones;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Transfer;

public sealed class ZoneTransferFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void A_hundred_thousand_mutated_transfer_queries_never_throw_and_every_message_parses()
    {
        DnsZone v10 = Make(10, 5);
        DnsZone v11 = Make(11, 6, "www TXT \"v11\"");
        DnsZone v12 = Make(12, 30, "www TXT \"v12\"");
        var journal = new ZoneJournal(Origin);
        journal.Append(ZoneDiff.Between(v10, v11));
        journal.Append(ZoneDiff.Between(v11, v12));
        List<byte[]> corpus =
        [
            Wire(Axfr()), Wire(Axfr(7, new DnsEdns())), Wire(Ixfr(10)), Wire(Ixfr(11, 9, new DnsEdns { UdpPayloadSize = 4096 })),
            Wire(Ixfr(12)), Wire(Ixfr(3)), Wire(Ixfr(0xFFFF_FFFF, 2, new DnsEdns())),
        ];
        IPAddress[] clients = [IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("::ffff:127.0.0.1")];
        var random = new Random(1995);
        byte[] query = new byte[600];
        byte[] buffer = new byte[65535];
        int answered = 0, messages = 0;
        var kinds = new Dictionary<ZoneTransferKind, int>();
        var clock = Stopwatch.StartNew();
        int mutations = 0;
        while (answered < 100_000)
        {
            Assert.True(++mutations < 2_000_000, "the mutations rarely leave a transfer query");
            byte[] seed = corpus[random.Next(corpus.Count)];
            int length = Mutate(seed, query, random);
            DnsMessage parsed;
            try
            {
                parsed = DnsMessage.Parse(query.AsSpan(0, length));
            }
            catch (DnsFormatException)
            {
                continue;
            }
            if (!ZoneTransferResponder.IsTransferQuery(parsed))
                continue;
            var transport = random.Next(3) == 0 ? TransferTransport.Udp : TransferTransport.Tcp;
            ZoneTransferResponse response = Responder.Respond(parsed, v12, random.Next(4) == 0 ? null : journal, transport, clients[random.Next(clients.Length)]);
            int size = random.Next(4) == 0 ? 700 : buffer.Length;
            answered++;
            int count = 0;
            while (response.TryWriteNext(buffer.AsSpan(0, size), out int written))
            {
                DnsMessage message = DnsMessage.Parse(buffer.AsSpan(0, written));
                Assert.Equal(parsed.Header.Id, message.Header.Id);
                Assert.True(message.Header.IsResponse);
                if (count > 0)
                    Assert.Empty(message.Questions);
                else if (response.Kind != ZoneTransferKind.Error)
                    Assert.Single(message.Questions);
                if (transport == TransferTransport.Udp)
                    Assert.True(written <= response.MaxUdpSize);
                count++;
                Assert.True(count < 1000);
            }
            Assert.True(transport == TransferTransport.Tcp || count == 1);
            messages += count;
            kinds[response.Kind] = kinds.GetValueOrDefault(response.Kind) + 1;
        }
        output.WriteLine($"{mutations} mutations, {answered} transfer queries answered with {messages} messages in {clock.ElapsedMilliseconds} ms: {string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}");
        // The mutations must reach every outcome.
        Assert.All(Enum.GetValues<ZoneTransferKind>(), k => Assert.True(kinds.GetValueOrDefault(k) > 0, $"no {k} response"));
    }

    private static byte[] Wire(DnsMessage message)
    {
        byte[] buffer = new byte[512];
        return buffer[..DnsMessageWriter.Write(message, buffer)];
    }

    /// <summary>Copies <paramref name="seed"/> with a few bytes flipped or set, or cut short, or
    /// extended with junk; returns the length.</summary>
    private static int Mutate(byte[] seed, byte[] into, Random random)
    {
        seed.CopyTo(into, 0);
        int length = seed.Length;
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            switch (random.Next(6))
            {
                case 0:
                    length = random.Next(length + 1);
                    break;
                case 1:
                    int extra = random.Next(1, 40);
                    random.NextBytes(into.AsSpan(length, extra));
                    length += extra;
                    break;
                case 2:
                    if (length > 0)
                        into[random.Next(length)] ^= (byte)(1 << random.Next(8));
                    break;
                default:
                    // Mostly the header, the question's type and the SOA serial, so many stay transfer queries.
                    if (length > 0)
                        into[random.Next(Math.Min(length, random.Next(2) == 0 ? 12 : length))] = (byte)random.Next(256);
                    break;
            }
        }
        return length;
    }
}
