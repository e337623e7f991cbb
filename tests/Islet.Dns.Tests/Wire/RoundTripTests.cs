using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

public sealed class RoundTripTests
{
    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Samples.EveryType().Count)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Every_type_round_trips(int index)
    {
        DnsRecord record = Samples.EveryType()[index];
        var message = new DnsMessage { Header = new DnsHeader { Id = 5, IsResponse = true }, Answers = [record, record] };
        byte[] wire = Samples.Write(message);
        DnsMessage parsed = DnsMessage.Parse(wire);
        Assert.Equal(2, parsed.Answers.Count);
        Assert.Equal(record.ToString(), parsed.Answers[0].ToString());
        Assert.Equal(record.ToString(), parsed.Answers[1].ToString());
        Assert.Equal(record.Data.GetType(), parsed.Answers[0].Data.GetType());
        Assert.Equal(wire, Samples.Write(parsed));
    }

    [Fact]
    public void Whole_message_with_edns_and_tsig_round_trips()
    {
        var edns = new DnsEdns { UdpPayloadSize = 4096, DnssecOk = true, Version = 0, ExtendedRcode = 1, Options = [new EdnsOption(EdnsOption.Cookie, [1, 2, 3, 4, 5, 6, 7, 8])] };
        DnsMessage message = Samples.Response(0xBEEF, edns);
        byte[] wire = Samples.Write(message);
        DnsMessage parsed = DnsMessage.Parse(wire);
        Assert.Equal(message.ToString(), parsed.ToString());
        Assert.NotNull(parsed.Edns);
        Assert.Equal(4096, parsed.Edns!.UdpPayloadSize);
        Assert.True(parsed.Edns.DnssecOk);
        Assert.Equal(1, parsed.Edns.ExtendedRcode);
        Assert.Equal(EdnsOption.Cookie, Assert.Single(parsed.Edns.Options).Code);
        Assert.Equal(2, parsed.Additional.Count);
        Assert.Equal((ushort)3, parsed.Header.AdditionalCount);
        Assert.Equal(0xBEEF, parsed.Header.Id);
        Assert.True(parsed.Header.IsAuthoritative && parsed.Header.IsResponse && parsed.Header.RecursionDesired);
        var tsig = Assert.IsType<TsigRecordData>(parsed.Additional[1].Data);
        Assert.Equal(0x0000_1234_5678_9ABCUL, tsig.TimeSigned);
        Assert.Equal(wire, Samples.Write(parsed));
    }

    [Fact]
    public void Header_flags_round_trip()
    {
        var header = new DnsHeader { Id = 1, IsResponse = true, Opcode = 5, IsAuthoritative = true, IsTruncated = true, RecursionDesired = true, RecursionAvailable = true, AuthenticData = true, CheckingDisabled = true, Rcode = 3 };
        DnsHeader parsed = DnsMessage.Parse(Samples.Write(new DnsMessage { Header = header })).Header;
        Assert.Equal(header, parsed);
        Assert.Equal(0xAFB3, header.Flags);
    }

    [Theory]
    [InlineData(0, "www.example.com. 300 IN A 192.0.2.1")]
    [InlineData(1, "www.example.com. 300 IN AAAA 2001:db8::1")]
    [InlineData(5, "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300")]
    [InlineData(6, "example.com. 300 IN MX 10 mail.example.com.")]
    [InlineData(7, "example.com. 300 IN TXT \"v=spf1 -all\" \"say \\\"hi\\\"\"")]
    [InlineData(8, "_sip._udp.example.com. 300 IN SRV 10 60 5060 sip.example.com.")]
    [InlineData(9, "example.com. 300 IN CAA 0 issue \"ca.example.net\"")]
    [InlineData(12, "example.com. 300 IN RRSIG A 13 2 300 20250101000000 20241202000000 12345 example.com. AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData(13, "example.com. 300 IN NSEC www.example.com. A NS SOA MX RRSIG NSEC DNSKEY CAA")]
    [InlineData(14, "example.com. 300 IN TYPE65280 \\# 4 DEADBEEF")]
    public void Prints_records_as_dig_does(int index, string expected) =>
        Assert.Equal(expected, Samples.EveryType()[index].ToString());

    [Fact]
    public void Nsec_bitmap_matches_rfc4034_example()
    {
        // RFC 4034 §4.3: A MX RRSIG NSEC TYPE1234.
        var data = new NsecRecordData(DnsName.Parse("host.example.com."), [DnsType.A, DnsType.MX, DnsType.RRSIG, DnsType.NSEC, (DnsType)1234]);
        byte[] wire = Samples.Write(new DnsMessage { Answers = [new DnsRecord(DnsName.Parse("alfa.example.com."), DnsClass.Internet, 86400, data)] });
        byte[] bitmap = Convert.FromHexString("0006400100000003" + "041B" + new string('0', 52) + "20");
        Assert.True(wire.AsSpan().EndsWith(bitmap));
    }
}
