using Islet.Dns.Server.Internal;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

/// <summary>The server's allocation-free look at a query's first question type (how AXFR and IXFR are routed).</summary>
public sealed class QueryShapeTests
{
    [Fact]
    public void The_first_question_type_is_read_from_the_bytes_or_is_null_for_anything_malformed()
    {
        Assert.Equal(DnsType.AXFR, QueryShape.FirstQuestionType(DnsWireClient.Encode(Query("example.com", DnsType.AXFR))));
        Assert.Equal(DnsType.AAAA, QueryShape.FirstQuestionType(DnsWireClient.Encode(Query("www.example.com", DnsType.AAAA, edns: true))));
        Assert.Equal(DnsType.SOA, QueryShape.FirstQuestionType(DnsWireClient.Encode(Query(".", DnsType.SOA))));
        byte[] whole = DnsWireClient.Encode(Query("www.example.com", DnsType.IXFR));
        for (int cut = 0; cut < whole.Length; cut++)
            Assert.Null(QueryShape.FirstQuestionType(whole[..cut]));
        byte[] pointer = [.. whole[..12], 0xC0, 0x0C, 0, 252, 0, 1];
        Assert.Null(QueryShape.FirstQuestionType(pointer));
        byte[] noQuestion = [.. whole];
        noQuestion[4] = noQuestion[5] = 0;
        Assert.Null(QueryShape.FirstQuestionType(noQuestion));
        var random = new Random(12);
        for (int i = 0; i < 100_000; i++)
        {
            byte[] noise = new byte[random.Next(0, 64)];
            random.NextBytes(noise);
            QueryShape.FirstQuestionType(noise); // never throws
        }
    }
}
