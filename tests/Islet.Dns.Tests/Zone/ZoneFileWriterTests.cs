using System.Net;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneFileWriterTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    private static DnsRecord R(string owner, DnsRecordData data, uint ttl = 300) => new(DnsName.Parse(owner), DnsClass.Internet, ttl, data);

    private static void AssertSameRecords(DnsZone expected, DnsZone actual)
    {
        Assert.Equal(expected.Origin, actual.Origin);
        string[] a = [.. expected.Records.Select(r => r.ToString())], b = [.. actual.Records.Select(r => r.ToString())];
        Assert.Equal(a.Order(StringComparer.Ordinal), b.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_record_type_round_trips_through_load()
    {
        List<DnsRecord> records =
        [
            R("example.com.", new SoaRecordData(DnsName.Parse("ns1.example.com."), DnsName.Parse("host\\.master.example.com."), 2024010101, 7200, 3600, 1209600, 300), 3600),
            R("example.com.", new NsRecordData(DnsName.Parse("ns1.example.com."))),
            R("ns1.example.com.", new ARecordData(IPAddress.Parse("192.0.2.1"))),
            R("ns1.example.com.", new AaaaRecordData(IPAddress.Parse("2001:db8::1"))),
            R("alias.example.com.", new CNameRecordData(DnsName.Parse("www.example.org."))),
            R("1.2.example.com.", new PtrRecordData(DnsName.Parse("www.example.com."))),
            R("example.com.", new MxRecordData(10, DnsName.Parse("mail.example.net."))),
            R("example.com.", new TxtRecordData("v=spf1 -all", "say \"hi\"; \\ (paren)", "tab\tand\u00e9")),
            R("_sip._udp.example.com.", new SrvRecordData(10, 60, 5060, DnsName.Parse("sip.example.com."))),
            R("example.com.", new CaaRecordData(0, "issue", "ca.example.net"u8.ToArray())),
            R("sub.example.com.", new NsRecordData(DnsName.Parse("ns.elsewhere.net."))),
            R("sub.example.com.", new DsRecordData(12345, 13, 2, Convert.FromHexString("E2D3C916F6DEEAC73294E8268FB5885044A833FC5459588F4A9184CFC41A5766"))),
            R("example.com.", new DnsKeyRecordData(257, 3, 13, Convert.FromBase64String("mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="))),
            R("example.com.", new RrsigRecordData(DnsType.A, 13, 2, 300, 1735689600, 1733097600, 12345, Origin, new byte[64])),
            R("example.com.", new NsecRecordData(DnsName.Parse("www.example.com."), [DnsType.A, DnsType.NS, DnsType.SOA])),
            R("odd\\;name\\@\\$.example.com.", new UnknownRecordData((DnsType)65280, [0xDE, 0xAD, 0xBE, 0xEF])),
            R("empty.example.com.", new UnknownRecordData((DnsType)65281, [])),
            R("*.wild.example.com.", new ARecordData(IPAddress.Parse("192.0.2.99")), 60),
        ];
        DnsZone zone = DnsZone.FromRecords(Origin, records);
        string text = ZoneFileWriter.Write(zone);
        Assert.StartsWith("$ORIGIN example.com.\n$TTL 3600\n", text);
        DnsZone loaded = DnsZone.Load(text, Origin);
        AssertSameRecords(zone, loaded);
        Assert.Equal(records.Count, loaded.Records.Count());
        Assert.Equal(text, ZoneFileWriter.Write(loaded));
    }

    [Fact]
    public void Random_zones_round_trip()
    {
        var random = new Random(1035);
        for (int n = 0; n < 200; n++)
        {
            var records = new List<DnsRecord>
            {
                R("example.com.", new SoaRecordData(DnsName.Parse("ns1.example.com."), DnsName.Parse("h.example.com."), (uint)random.NextInt64(0, 1L << 32), 1, 2, 3, 4), (uint)random.Next(0, int.MaxValue)),
                R("example.com.", new NsRecordData(DnsName.Parse("ns.example.net."))),
            };
            int count = random.Next(0, 40);
            for (int i = 0; i < count; i++)
            {
                string owner = RandomLabel(random) + "." + (random.Next(3) == 0 ? RandomLabel(random) + "." : "") + "example.com.";
                uint ttl = (uint)random.Next(0, 100_000);
                DnsRecordData data = random.Next(5) switch
                {
                    0 => new ARecordData(new IPAddress(random.NextInt64(0, 1L << 32))),
                    1 => new TxtRecordData([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomBytes(random, 0, 255))]),
                    2 => new MxRecordData((ushort)random.Next(65536), DnsName.Parse(RandomLabel(random) + ".example.org.")),
                    3 => new UnknownRecordData((DnsType)random.Next(65280, 65535), RandomBytes(random, 0, 40)),
                    _ => new AaaaRecordData(new IPAddress(RandomBytes(random, 16, 16))),
                };
                DnsName name = DnsName.Parse(owner);
                // Give each RRset one TTL (RFC 2181 §5.2) and keep CNAMEs out.
                DnsRecord? sibling = records.Find(r => r.Name == name && r.Type == data.Type);
                records.Add(new DnsRecord(name, DnsClass.Internet, sibling?.Ttl ?? ttl, data));
            }
            DnsZone zone = DnsZone.FromRecords(Origin, records);
            AssertSameRecords(zone, DnsZone.Load(ZoneFileWriter.Write(zone), Origin));
        }
    }

    private static string RandomLabel(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_*\\.;@$()\" ";
        int length = random.Next(1, 12);
        var label = new System.Text.StringBuilder();
        for (int i = 0; i < length; i++)
        {
            char c = alphabet[random.Next(alphabet.Length)];
            if (c is '\\' or '.' or ';' or '@' or '$' or '(' or ')' or '"' or ' ' or '*')
                label.Append('\\').Append(((int)c).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            else
                label.Append(c);
        }
        return label.ToString();
    }

    private static byte[] RandomBytes(Random random, int min, int max)
    {
        byte[] bytes = new byte[random.Next(min, max + 1)];
        random.NextBytes(bytes);
        return bytes;
    }
}
