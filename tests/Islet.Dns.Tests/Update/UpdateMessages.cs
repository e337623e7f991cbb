using System.Net;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Update;

/// <summary>A small zone and builders for UPDATE messages (RFC 2136 §2).</summary>
internal static class UpdateMessages
{
    internal static readonly DnsName Origin = DnsName.Parse("example.org.");

    internal const string Text = """
        $TTL 300
        @      SOA ns1 hostmaster 100 3600 600 86400 60
               NS  ns1
               NS  ns2.example.net.
        ns1    A   192.0.2.1
        www    A   192.0.2.10
               A   192.0.2.11
               TXT "hello"
        alias  CNAME www
        sub    NS  ns.sub
        ns.sub A   192.0.2.53
        """;

    internal static DnsZone SampleZone() => DnsZone.Load(Text, Origin);

    internal static DnsName N(string name) => DnsName.Parse(name, Origin);

    internal static DnsRecord Add(string name, uint ttl, DnsRecordData data) => new(N(name), DnsClass.Internet, ttl, data);

    internal static DnsRecord AddA(string name, string address, uint ttl = 300) => Add(name, ttl, new ARecordData(IPAddress.Parse(address)));

    /// <summary>Class ANY with empty rdata: delete an RRset, or with type ANY all RRsets at the name;
    /// as a prerequisite "RRset exists" or "name is in use".</summary>
    internal static DnsRecord AnyOf(string name, DnsType type) => new(N(name), DnsClass.Any, 0, new UnknownRecordData(type, []));

    /// <summary>Class NONE with empty rdata: prerequisite "RRset does not exist" / "name not in use".</summary>
    internal static DnsRecord NoneOf(string name, DnsType type) => new(N(name), DnsClass.None, 0, new UnknownRecordData(type, []));

    /// <summary>Class NONE with rdata: delete that RR.</summary>
    internal static DnsRecord DeleteA(string name, string address) => new(N(name), DnsClass.None, 0, new ARecordData(IPAddress.Parse(address)));

    internal static DnsMessage UpdateOf(IReadOnlyList<DnsRecord> updates, IReadOnlyList<DnsRecord>? prerequisites = null, string zone = "example.org.", ushort id = 42) => new()
    {
        Header = new DnsHeader { Id = id, Opcode = 5 },
        Questions = [new DnsQuestion(DnsName.Parse(zone), DnsType.SOA)],
        Answers = prerequisites ?? [],
        Authority = updates,
    };

    /// <summary>Writes and re-parses, so the message is exactly what the wire carries.</summary>
    internal static DnsMessage ViaWire(DnsMessage message)
    {
        byte[] buffer = new byte[4096];
        int length = DnsMessageWriter.Write(message, buffer, buffer.Length);
        return DnsMessage.Parse(buffer.AsSpan(0, length));
    }

    internal static byte[] Bytes(DnsMessage message)
    {
        byte[] buffer = new byte[4096];
        return buffer[..DnsMessageWriter.Write(message, buffer, buffer.Length)];
    }

    internal static uint Serial(DnsZone zone) => ((SoaRecordData)zone.Soa.Data).Serial;
}
