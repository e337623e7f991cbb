using System.Net;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

/// <summary>Records of every supported type and messages built from them.</summary>
internal static class Samples
{
    public static DnsName N(string text) => DnsName.Parse(text);

    public static DnsRecord R(string owner, DnsRecordData data, uint ttl = 300) => new(N(owner), DnsClass.Internet, ttl, data);

    /// <summary>One record of every type dig understands (no TSIG, no OPT).</summary>
    public static List<DnsRecord> EveryType() =>
    [
        R("www.example.com.", new ARecordData(IPAddress.Parse("192.0.2.1"))),
        R("www.example.com.", new AaaaRecordData(IPAddress.Parse("2001:db8::1"))),
        R("example.com.", new NsRecordData(N("ns1.example.com."))),
        R("alias.example.com.", new CNameRecordData(N("www.example.com."))),
        R("1.2.0.192.in-addr.arpa.", new PtrRecordData(N("www.example.com."))),
        R("example.com.", new SoaRecordData(N("ns1.example.com."), N("hostmaster.example.com."), 2024010101, 7200, 3600, 1209600, 300)),
        R("example.com.", new MxRecordData(10, N("mail.example.com."))),
        R("example.com.", new TxtRecordData("v=spf1 -all", "say \"hi\"")),
        R("_sip._udp.example.com.", new SrvRecordData(10, 60, 5060, N("sip.example.com."))),
        R("example.com.", new CaaRecordData(0, "issue", "ca.example.net"u8.ToArray())),
        R("example.com.", new DsRecordData(12345, 13, 2, Convert.FromHexString("E2D3C916F6DEEAC73294E8268FB5885044A833FC5459588F4A9184CFC41A5766"))),
        R("example.com.", new DnsKeyRecordData(257, 3, 13, Convert.FromBase64String("mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="))),
        R("example.com.", new RrsigRecordData(DnsType.A, 13, 2, 300, 1735689600, 1733097600, 12345, N("example.com."), new byte[64])),
        R("example.com.", new NsecRecordData(N("www.example.com."), [DnsType.A, DnsType.NS, DnsType.SOA, DnsType.MX, DnsType.RRSIG, DnsType.NSEC, DnsType.DNSKEY, DnsType.CAA])),
        R("example.com.", new UnknownRecordData((DnsType)65280, [0xDE, 0xAD, 0xBE, 0xEF])),
    ];

    public static DnsRecord Tsig() => new(N("key.example.com."), DnsClass.Any, 0,
        new TsigRecordData(N("hmac-sha256."), 0x0000_1234_5678_9ABC, 300, new byte[32], 0x4242, 0, []));

    public static DnsMessage Response(ushort id = 0x1234, DnsEdns? edns = null) => new()
    {
        Header = new DnsHeader { Id = id, IsResponse = true, IsAuthoritative = true, RecursionDesired = true },
        Questions = [new DnsQuestion(N("www.example.com."), DnsType.A)],
        Answers = EveryType(),
        Authority = [R("example.com.", new NsRecordData(N("ns2.example.com.")))],
        Additional = [R("ns1.example.com.", new ARecordData(IPAddress.Parse("192.0.2.53"))), Tsig()],
        Edns = edns,
    };

    public static byte[] Write(DnsMessage message, int maxSize = 65535)
    {
        byte[] buffer = new byte[65535];
        int length = DnsMessageWriter.Write(message, buffer, maxSize);
        return buffer[..length];
    }

    /// <summary>About twenty varied valid messages in wire format, for the fuzz test.</summary>
    public static List<byte[]> Corpus()
    {
        var corpus = new List<byte[]>();
        List<DnsRecord> all = EveryType();
        foreach (DnsRecord record in all)
            corpus.Add(Write(new DnsMessage { Header = new DnsHeader { Id = 7, IsResponse = true }, Questions = [new DnsQuestion(record.Name, record.Type)], Answers = [record] }));
        corpus.Add(Write(Response()));
        corpus.Add(Write(Response(9, new DnsEdns { UdpPayloadSize = 4096, DnssecOk = true, Options = [new EdnsOption(EdnsOption.Cookie, [1, 2, 3, 4, 5, 6, 7, 8])] })));
        corpus.Add(Write(new DnsMessage { Header = new DnsHeader { Id = 1, RecursionDesired = true }, Questions = [new DnsQuestion(N("example.com."), DnsType.ANY)] }));
        corpus.Add(Write(new DnsMessage { Additional = [Tsig()] }));
        corpus.Add(Write(new DnsMessage { Answers = [R("a.b.c.d.e.f.example.com.", new CNameRecordData(N("b.c.d.e.f.example.com."))), R("x.example.com.", new MxRecordData(1, N("a.b.c.d.e.f.example.com.")))] }));
        return corpus;
    }
}
