using System.Text;
using Islet.Dns.Server;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Server;

/// <summary>The realistic zone the answerer tests share, and helpers to query it.</summary>
internal static class ServerZone
{
    internal static readonly DnsName Origin = DnsName.Parse("example.com.");

    internal static string Text
    {
        get
        {
            var text = new StringBuilder("""
                $TTL 1h
                @   IN  SOA ns1 hostmaster ( 2024010101 2h 15m 2w 300 )
                    IN  NS  ns1
                        NS  ns2.example.net.
                @       MX  10 mail
                ns1     A   192.0.2.1
                        AAAA 2001:db8::1
                www     A   192.0.2.10
                        AAAA 2001:db8::10
                mail    A   192.0.2.25
                alias   CNAME alias2
                alias2  CNAME www
                loop1   CNAME loop2
                loop2   CNAME loop1
                out     CNAME www.example.org.
                dangling CNAME nowhere
                _sip._tcp SRV 10 60 5060 www
                *.wild  A   192.0.2.99
                        TXT "wildcard"
                exists.wild A 192.0.2.98
                *.wcname CNAME www
                a.b.ent A   192.0.2.77
                sub     NS  ns.sub
                        NS  ns.example.net.
                ns.sub  A   192.0.2.53
                        AAAA 2001:db8::53

                """);
            for (int i = 0; i < 12; i++)
                text.Append($"big TXT \"{new string((char)('a' + i), 60)}\"\n");
            return text.ToString();
        }
    }

    internal static readonly Lazy<AuthoritativeAnswerer> s_answerer = new(() => new AuthoritativeAnswerer(DnsZone.Load(Text, Origin)));

    internal static DnsMessage Query(string name, DnsType type, bool edns = false, ushort id = 0x1234, byte opcode = 0) => new()
    {
        Header = new DnsHeader { Id = id, Opcode = opcode, RecursionDesired = true },
        Questions = [new DnsQuestion(DnsName.Parse(name), type)],
        Edns = edns ? new DnsEdns { UdpPayloadSize = 4096 } : null,
    };

    internal static DnsMessage Ask(string name, DnsType type, bool edns = false) => s_answerer.Value.Answer(Query(name, type, edns));

    internal static string[] Lines(IReadOnlyList<DnsRecord> records) => [.. records.Select(r => r.ToString())];
}
