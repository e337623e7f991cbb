using System.Buffers.Binary;
using Islet.Dns.Resolver.Internal;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Resolver;

/// <summary>Which datagrams the resolver takes as the response to its query (RFC 5452 §9.1).</summary>
public sealed class PendingQueryTests
{
    private static readonly DnsQuestion s_question = new(DnsName.Parse("www.example.com."), DnsType.A);

    private static byte[] Response(Func<DnsMessage, DnsMessage> change)
    {
        DnsMessage answer = s_answerer.Value.Answer(Query("www.example.com.", DnsType.A, id: 0x4242));
        byte[] buffer = new byte[1232];
        return buffer[..DnsMessageWriter.Write(change(answer), buffer)];
    }

    private static ResponseVerdict Check(byte[] datagram) => new PendingQuery(s_question, 0x4242, 1232).Check(datagram, out _);

    [Fact]
    public void The_query_carries_the_id_rd_the_question_and_edns()
    {
        byte[] buffer = new byte[512];
        int length = new PendingQuery(s_question, 0xbeef, 1232).WriteQuery(buffer);
        DnsMessage query = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.Equal((ushort)0xbeef, query.Header.Id);
        Assert.True(query.Header.RecursionDesired);
        Assert.False(query.Header.IsResponse);
        Assert.Equal(s_question, Assert.Single(query.Questions));
        Assert.Equal((ushort)1232, query.Edns!.UdpPayloadSize);
        length = new PendingQuery(s_question, 1, 0).WriteQuery(buffer);
        Assert.Null(DnsMessage.Parse(buffer.AsSpan(0, length)).Edns);
    }

    [Fact]
    public void The_matching_response_is_accepted_whatever_the_case_of_its_question()
    {
        Assert.Equal(ResponseVerdict.Accept, Check(Response(m => m)));
        Assert.Equal(ResponseVerdict.Accept, Check(Response(m => new DnsMessage
        {
            Header = m.Header,
            Questions = [s_question with { Name = DnsName.Parse("WwW.ExAmPlE.cOm.") }],
            Answers = m.Answers,
        })));
    }

    [Fact]
    public void Responses_that_do_not_match_are_ignored()
    {
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header with { Id = 0x4243 }, Questions = m.Questions })));
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header with { IsResponse = false }, Questions = m.Questions })));
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header with { Opcode = 4 }, Questions = m.Questions })));
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header, Questions = [s_question with { Type = DnsType.AAAA }] })));
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header, Questions = [s_question with { Class = DnsClass.Chaos }] })));
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header, Questions = [s_question with { Name = DnsName.Parse("www.example.org.") }] })));
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header, Questions = [] })));
        Assert.Equal(ResponseVerdict.Ignore, Check(Response(m => new DnsMessage { Header = m.Header, Questions = [s_question, s_question] })));
        Assert.Equal(ResponseVerdict.Ignore, Check([0x42, 0x42, 0x80]));
    }

    [Fact]
    public void Tc_means_truncated_even_when_the_rest_is_cut_off()
    {
        byte[] full = Response(m => new DnsMessage { Header = m.Header with { IsTruncated = true }, Questions = m.Questions, Answers = m.Answers });
        Assert.Equal(ResponseVerdict.Truncated, Check(full));
        int questionEnd = DnsHeader.Length + s_question.Name.WireLength + 4;
        byte[] cut = full[..(questionEnd + 3)];
        BinaryPrimitives.WriteUInt16BigEndian(cut.AsSpan(6), 5); // five answers claimed, none there
        Assert.Equal(ResponseVerdict.Truncated, Check(cut));
        cut[2] &= 0xFD; // without TC the same bytes are just malformed
        Assert.Equal(ResponseVerdict.Ignore, Check(cut));
    }
}
