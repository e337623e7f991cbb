using System.Net;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

public sealed class TruncationTests
{
    private static DnsMessage Big(DnsEdns? edns) => new()
    {
        Header = new DnsHeader { Id = 3, IsResponse = true },
        Questions = [new DnsQuestion(Samples.N("many.example.com."), DnsType.TXT)],
        Answers = [.. Enumerable.Range(0, 40).Select(i => Samples.R("many.example.com.", new TxtRecordData(new string((char)('a' + i % 26), 40))))],
        Additional = [Samples.R("ns.example.com.", new ARecordData(IPAddress.Loopback))],
        Edns = edns,
    };

    [Fact]
    public void Stops_at_the_first_record_that_does_not_fit_512_and_sets_tc()
    {
        byte[] buffer = new byte[4096];
        int length = DnsMessageWriter.Write(Big(null), buffer);
        Assert.True(length <= 512);
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.True(parsed.Header.IsTruncated);
        Assert.InRange(parsed.Answers.Count, 1, 39);
        Assert.Empty(parsed.Additional);
        Assert.Equal(parsed.Answers.Count, parsed.Header.AnswerCount);
        // One more record would not have fitted.
        Assert.True(length + 2 + 10 + 41 > 512);
    }

    [Fact]
    public void Uses_the_edns_payload_size_and_keeps_the_opt_record()
    {
        byte[] buffer = new byte[4096];
        int length = DnsMessageWriter.Write(Big(new DnsEdns { UdpPayloadSize = 1232 }), buffer);
        Assert.True(length is > 512 and <= 1232);
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.True(parsed.Header.IsTruncated);
        Assert.NotNull(parsed.Edns);
        Assert.Equal(parsed.Answers.Count + 1, parsed.Header.AdditionalCount + parsed.Answers.Count);
    }

    [Fact]
    public void Does_not_set_tc_when_everything_fits()
    {
        byte[] buffer = new byte[65535];
        int length = DnsMessageWriter.Write(Big(null), buffer, 65535);
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.False(parsed.Header.IsTruncated);
        Assert.Equal(40, parsed.Answers.Count);
        Assert.Single(parsed.Additional);
    }

    [Fact]
    public void Refuses_a_buffer_too_small_for_the_question() =>
        Assert.Throws<ArgumentException>(() => DnsMessageWriter.Write(Big(null), new byte[20]));

    [Fact]
    public void Compression_table_forgets_a_rolled_back_record()
    {
        // The record that does not fit is rolled back; a later name must not point into its bytes.
        var message = new DnsMessage
        {
            Answers =
            [
                Samples.R("a.example.com.", new TxtRecordData(new string('x', 200))),
                Samples.R("b.other.example.", new TxtRecordData(new string('y', 255), new string('y', 255))),
            ],
        };
        byte[] buffer = new byte[600];
        int length = DnsMessageWriter.Write(message, buffer, 512);
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.Single(parsed.Answers);
        Assert.True(parsed.Header.IsTruncated);
    }

    [Fact]
    public void Tsig_stays_last_after_the_opt_record_even_when_truncated()
    {
        DnsMessage big = Big(new DnsEdns { UdpPayloadSize = 1232 });
        var message = new DnsMessage { Header = big.Header, Questions = big.Questions, Answers = big.Answers, Additional = [.. big.Additional, Samples.Tsig()], Edns = big.Edns };
        byte[] buffer = new byte[4096];
        int length = DnsMessageWriter.Write(message, buffer);
        Assert.True(length <= 1232);
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.True(parsed.Header.IsTruncated);
        Assert.NotNull(parsed.Edns);
        Assert.IsType<TsigRecordData>(Assert.Single(parsed.Additional).Data);
        // On the wire the TSIG record comes after the OPT record: the message ends with its rdata.
        Assert.True(buffer.AsSpan(0, length).EndsWith(Samples.Write(new DnsMessage { Additional = [Samples.Tsig()] }).AsSpan(12 + 16 + 10)));
    }
}
