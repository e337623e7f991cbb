using System.Net;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

public sealed class TruncationTests
{
    private static DnsMessage Big(DnsEdns? edns) => new()
    {
        Header = new DnsHeader { Id = 3, IsResponse = true },
        Questions = [new DnsQuestion(Samples.N("many.example.com."), DnsType.TXT)],
        // Forty one-record RRsets (the owners differ), so truncation can stop between any two.
        Answers = [.. Enumerable.Range(0, 40).Select(i => Samples.R($"m{i % 10}.many.example.com.", new TxtRecordData(new string((char)('a' + i % 26), 40))))],
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
        // One more record (a 2-byte owner label and a pointer, 10 fixed bytes, 41 of rdata) would not have fitted.
        Assert.True(length + 5 + 10 + 41 > 512);
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

    private static DnsRecord Txt(string owner, char fill, int length = 100) => Samples.R(owner, new TxtRecordData(new string(fill, length)));

    private static DnsRecord A(string owner, byte last) => Samples.R(owner, new ARecordData(new IPAddress(new byte[] { 192, 0, 2, last })));

    private static DnsMessage Parse(DnsMessage message, int maxSize)
    {
        byte[] buffer = new byte[65535];
        int length = DnsMessageWriter.Write(message, buffer, maxSize);
        Assert.True(length <= maxSize);
        return DnsMessage.Parse(buffer.AsSpan(0, length));
    }

    [Fact]
    public void An_answer_rrset_that_does_not_fit_is_left_out_whole()
    {
        // Five TXT records of one RRset: about 600 bytes, so only some would fit 512 record by record.
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = 9, IsResponse = true },
            Questions = [new DnsQuestion(Samples.N("t.example.com."), DnsType.TXT)],
            Answers = [.. "abcde".Select(c => Txt("t.example.com.", c))],
        };
        DnsMessage parsed = Parse(message, 512);
        Assert.True(parsed.Header.IsTruncated);
        Assert.Empty(parsed.Answers);
        Assert.Equal(0, parsed.Header.AnswerCount);
        Assert.Single(parsed.Questions);
    }

    [Fact]
    public void Truncation_keeps_the_rrsets_before_the_one_that_does_not_fit()
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = 9, IsResponse = true },
            Answers = [Txt("a.example.com.", 'a'), Txt("a.example.com.", 'b'), .. "cdefg".Select(c => Txt("b.example.com.", c))],
            Authority = [Samples.R("example.com.", new NsRecordData(Samples.N("ns.example.com.")))],
            Additional = [A("ns.example.com.", 1)],
        };
        DnsMessage parsed = Parse(message, 512);
        Assert.True(parsed.Header.IsTruncated);
        Assert.Equal(2, parsed.Answers.Count);
        Assert.All(parsed.Answers, r => Assert.Equal(Samples.N("a.example.com."), r.Name));
        Assert.Empty(parsed.Authority);
        Assert.Empty(parsed.Additional);
    }

    [Fact]
    public void An_authority_rrset_that_does_not_fit_sets_tc_and_drops_the_additional_section()
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = 9, IsResponse = true },
            Answers = [Txt("a.example.com.", 'a', 200)],
            Authority = [.. "xyz".Select(c => Txt("example.com.", c))],
            Additional = [A("ns.example.com.", 1)],
            Edns = new DnsEdns(),
        };
        DnsMessage parsed = Parse(message, 512);
        Assert.True(parsed.Header.IsTruncated);
        Assert.Single(parsed.Answers);
        Assert.Empty(parsed.Authority);
        Assert.Empty(parsed.Additional);
        Assert.NotNull(parsed.Edns);
    }

    [Fact]
    public void Additional_rrsets_that_do_not_fit_are_dropped_whole_without_tc_and_the_opt_record_stays()
    {
        // The answer fits; of the additional data only the first RRset (two A records) fits, and the
        // second (ten A records) is dropped whole rather than cut.
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = 9, IsResponse = true, IsAuthoritative = true },
            Questions = [new DnsQuestion(Samples.N("example.com."), DnsType.MX)],
            Answers = [Txt("example.com.", 'q', 250)],
            Additional = [A("mx1.example.com.", 1), A("mx1.example.com.", 2), .. Enumerable.Range(10, 10).Select(i => A("mx2.example.com.", (byte)i))],
            Edns = new DnsEdns { UdpPayloadSize = 512 },
        };
        DnsMessage parsed = Parse(message, 400);
        Assert.False(parsed.Header.IsTruncated);
        Assert.Single(parsed.Answers);
        Assert.Equal(2, parsed.Additional.Count);
        Assert.All(parsed.Additional, r => Assert.Equal(Samples.N("mx1.example.com."), r.Name));
        Assert.NotNull(parsed.Edns);
        Assert.Equal(3, parsed.Header.AdditionalCount);
    }

    [Fact]
    public void The_same_message_with_room_keeps_every_additional_rrset()
    {
        var message = new DnsMessage
        {
            Answers = [Txt("example.com.", 'q', 250)],
            Additional = [A("mx1.example.com.", 1), A("mx1.example.com.", 2), .. Enumerable.Range(10, 10).Select(i => A("mx2.example.com.", (byte)i))],
        };
        DnsMessage parsed = Parse(message, 1232);
        Assert.False(parsed.Header.IsTruncated);
        Assert.Equal(12, parsed.Additional.Count);
    }

    [Fact]
    public void Every_size_limit_gives_whole_rrsets_and_consistent_counts()
    {
        // Sweep the limit over every size from the question up to the whole message: each result
        // parses, holds a prefix of whole RRsets, and sets TC exactly when answer or authority lost data.
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = 4, IsResponse = true },
            Questions = [new DnsQuestion(Samples.N("example.com."), DnsType.ANY)],
            Answers = [Txt("example.com.", 'a', 30), Txt("example.com.", 'b', 30), A("example.com.", 1), A("example.com.", 2), A("example.com.", 3)],
            Authority = [Samples.R("example.com.", new NsRecordData(Samples.N("ns1.example.com."))), Samples.R("example.com.", new NsRecordData(Samples.N("ns2.example.com.")))],
            Additional = [A("ns1.example.com.", 53), A("ns2.example.com.", 54), A("ns2.example.com.", 55)],
            Edns = new DnsEdns(),
        };
        int full = Samples.Write(message).Length;
        for (int limit = 12 + 17 + 11; limit <= full; limit++)
        {
            DnsMessage parsed = Parse(message, limit);
            Assert.True(IsRRsetPrefix(message.Answers, parsed.Answers), $"answers at {limit}");
            Assert.True(IsRRsetPrefix(message.Authority, parsed.Authority), $"authority at {limit}");
            Assert.True(IsRRsetPrefix(message.Additional, parsed.Additional), $"additional at {limit}");
            bool lost = parsed.Answers.Count < message.Answers.Count || parsed.Authority.Count < message.Authority.Count;
            Assert.Equal(lost, parsed.Header.IsTruncated);
            Assert.NotNull(parsed.Edns);
            if (lost)
                Assert.Empty(parsed.Additional);
        }
    }

    private static bool IsRRsetPrefix(IReadOnlyList<DnsRecord> all, IReadOnlyList<DnsRecord> kept)
    {
        if (kept.Count > all.Count)
            return false;
        for (int i = 0; i < kept.Count; i++)
        {
            if (kept[i].ToString() != all[i].ToString())
                return false;
        }
        // The next record left out must start a new RRset.
        return kept.Count == 0 || kept.Count == all.Count
            || all[kept.Count].Name != all[kept.Count - 1].Name || all[kept.Count].Type != all[kept.Count - 1].Type;
    }
}
