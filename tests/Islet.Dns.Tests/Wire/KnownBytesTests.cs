using System.Net;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

public sealed class KnownBytesTests
{
    // A query for www.example.com IN A, id 0x1234, RD set (hand-checked against RFC 1035 §4.1).
    private const string Query = "123401000001000000000000" + "03777777076578616D706C6503636F6D00" + "00010001";

    // The answer: the owner is a pointer to the question name at offset 12 (0xC00C).
    private const string Answer = "123485800001000100000000" + "03777777076578616D706C6503636F6D00" + "00010001"
        + "C00C" + "0001" + "0001" + "0000012C" + "0004" + "C0000201";

    [Fact]
    public void Parses_a_query()
    {
        DnsMessage message = DnsMessage.Parse(Convert.FromHexString(Query));
        Assert.Equal(0x1234, message.Header.Id);
        Assert.True(message.Header.RecursionDesired);
        Assert.False(message.Header.IsResponse);
        DnsQuestion question = Assert.Single(message.Questions);
        Assert.Equal(new DnsQuestion(DnsName.Parse("www.example.com."), DnsType.A, DnsClass.Internet), question);
    }

    [Fact]
    public void Writes_a_compressed_answer_byte_for_byte()
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = 0x1234, IsResponse = true, IsAuthoritative = true, RecursionDesired = true, RecursionAvailable = true },
            Questions = [new DnsQuestion(DnsName.Parse("www.example.com."), DnsType.A)],
            Answers = [new DnsRecord(DnsName.Parse("WWW.example.com."), DnsClass.Internet, 300, new ARecordData(IPAddress.Parse("192.0.2.1")))],
        };
        Assert.Equal(Answer, Convert.ToHexString(Samples.Write(message)));
        Assert.Equal("www.example.com. 300 IN A 192.0.2.1", DnsMessage.Parse(Convert.FromHexString(Answer)).Answers[0].ToString());
    }

    [Fact]
    public void Follows_the_rfc1035_compression_example()
    {
        // RFC 1035 §4.1.4: F.ISI.ARPA at offset 20, FOO.F.ISI.ARPA at 40 (FOO + pointer to 20),
        // ARPA at 64 (a pointer to 26) and the root at 66.
        byte[] buffer = new byte[70];
        Convert.FromHexString("0146034953490441525041" + "00").CopyTo(buffer, 20);
        Convert.FromHexString("03464F4FC014").CopyTo(buffer, 40);
        Convert.FromHexString("C01A00").CopyTo(buffer, 64);
        var reader = new DnsMessageReader(buffer);
        reader.ReadBytes(20);
        Assert.Equal("F.ISI.ARPA.", reader.ReadName().ToString());
        reader.ReadBytes(40 - reader.Position);
        Assert.Equal("FOO.F.ISI.ARPA.", reader.ReadName().ToString());
        Assert.Equal(46, reader.Position);
        reader.ReadBytes(64 - reader.Position);
        Assert.Equal("ARPA.", reader.ReadName().ToString());
        Assert.Equal(".", reader.ReadName().ToString());
        Assert.Equal(67, reader.Position);
    }

    [Fact]
    public void Compresses_rdata_names_only_where_rfc3597_allows()
    {
        var message = new DnsMessage
        {
            Answers =
            [
                Samples.R("example.com.", new MxRecordData(10, Samples.N("example.com."))),
                Samples.R("example.com.", new SrvRecordData(1, 2, 3, Samples.N("example.com."))),
            ],
        };
        byte[] wire = Samples.Write(message);
        // MX: 2 bytes preference then a pointer to offset 12; SRV: 6 bytes then the name in full.
        string hex = Convert.ToHexString(wire);
        Assert.Contains("000F0001" + "0000012C" + "0004" + "000A" + "C00C", hex);
        Assert.Contains("00210001" + "0000012C" + "0013" + "000100020003" + "076578616D706C6503636F6D00", hex);
    }

    [Fact]
    public void Parses_a_dig_style_query_with_a_cookie()
    {
        // The layout dig 9.18 sends for `dig www.example.com`: RD and AD set, an OPT record with
        // payload 1232 and an 8-byte client cookie. (Reconstructed by hand, not a capture; the dig
        // interop test captures a live one when dig is installed.)
        byte[] query = Convert.FromHexString("ABCD01200001000000000001" + "03777777076578616D706C6503636F6D0000010001"
            + "00" + "0029" + "04D0" + "00000000" + "000C" + "000A0008" + "0102030405060708");
        DnsMessage message = DnsMessage.Parse(query);
        Assert.True(message.Header.AuthenticData);
        Assert.NotNull(message.Edns);
        Assert.Equal(1232, message.Edns!.UdpPayloadSize);
        EdnsOption cookie = Assert.Single(message.Edns.Options);
        Assert.Equal(EdnsOption.Cookie, cookie.Code);
        Assert.Equal(8, cookie.Data.Length);
        Assert.Empty(message.Additional);
        Assert.Equal(query, Samples.Write(message));
    }
}
