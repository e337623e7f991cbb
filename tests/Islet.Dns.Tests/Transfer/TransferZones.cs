using System.Net;
using System.Text;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Transfer;

/// <summary>Zones of any size and serial, transfer queries, and a reader for a response's messages.</summary>
internal static class TransferZones
{
    internal static readonly DnsName Origin = DnsName.Parse("example.com.");

    /// <summary>A zone with <paramref name="hosts"/> A records (h0..hN) plus <paramref name="extra"/> lines.</summary>
    internal static DnsZone Make(uint serial, int hosts, params string[] extra)
    {
        var text = new StringBuilder($"""
            $TTL 1h
            @   IN  SOA ns1 hostmaster ( {serial} 2h 15m 2w 300 )
                IN  NS  ns1
                IN  NS  ns2.example.net.
            ns1     A   192.0.2.1
            www     A   192.0.2.10
                    TXT "hello world"

            """);
        for (int i = 0; i < hosts; i++)
            text.Append($"h{i} A 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}\n");
        foreach (string line in extra)
            text.Append(line).Append('\n');
        return DnsZone.Load(text.ToString(), Origin);
    }

    internal static DnsMessage Axfr(ushort id = 0x4242, DnsEdns? edns = null) => Query(id, DnsType.AXFR, null, edns);

    internal static DnsMessage Ixfr(uint serial, ushort id = 0x4343, DnsEdns? edns = null) => Query(id, DnsType.IXFR, serial, edns);

    /// <summary>A query written to wire format and parsed back, as a server would see it.</summary>
    internal static DnsMessage Query(ushort id, DnsType type, uint? serial, DnsEdns? edns = null, DnsName? name = null)
    {
        var query = new DnsMessage
        {
            Header = new DnsHeader { Id = id },
            Questions = [new DnsQuestion(name ?? Origin, type)],
            Authority = serial is uint s
                ? [new DnsRecord(name ?? Origin, DnsClass.Internet, 3600, new SoaRecordData(DnsName.Parse("ns1.example.com."), DnsName.Parse("hostmaster.example.com."), s, 0, 0, 0, 0))]
                : [],
            Edns = edns,
        };
        byte[] buffer = new byte[512];
        int length = DnsMessageWriter.Write(query, buffer);
        return DnsMessage.Parse(buffer.AsSpan(0, length));
    }

    /// <summary>Every message of <paramref name="response"/>, written into buffers of <paramref name="size"/> bytes and parsed.</summary>
    internal static List<DnsMessage> Messages(ZoneTransferResponse response, int size = 65535)
    {
        var messages = new List<DnsMessage>();
        byte[] buffer = new byte[size];
        while (response.TryWriteNext(buffer, out int length))
        {
            Assert.InRange(length, DnsHeader.Length, Math.Min(size, 65535));
            messages.Add(DnsMessage.Parse(buffer.AsSpan(0, length)));
            Assert.True(messages.Count < 100_000, "the response never completes");
        }
        Assert.True(response.IsComplete);
        Assert.Equal(messages.Count, response.MessageCount);
        return messages;
    }

    internal static List<string> Answers(IEnumerable<DnsMessage> messages) =>
        [.. messages.SelectMany(m => m.Answers).Select(r => r.ToString())];

    internal static List<string> Texts(IEnumerable<DnsRecord> records) => [.. records.Select(r => r.ToString())];

    internal static uint Serial(DnsRecord soa) => ((SoaRecordData)soa.Data).Serial;

    internal static readonly IPAddress Loopback = IPAddress.Loopback;

    internal static readonly ZoneTransferResponder Responder = new(TransferPolicy.LoopbackOnly);
}
