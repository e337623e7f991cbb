using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

public sealed class AuthoritativeAnswererFuzzTests
{
    private static readonly string[] s_labels = ["www", "alias", "wild", "*", "sub", "ns", "ent", "b", "a", "x", "loop1", "big", "exists", "wcname", "_tcp", "_sip", "mail", "ns1", "nope"];
    private static readonly string[] s_suffixes = ["example.com.", "example.com.", "example.com.", "example.org.", "com.", "."];
    private static readonly DnsType[] s_types = [.. Enum.GetValues<DnsType>()];

    [Fact]
    public void Random_queries_never_throw_and_every_response_parses()
    {
        var random = new Random(6);
        byte[] query = new byte[1024];
        byte[] response = new byte[4096];
        for (int i = 0; i < 20_000; i++)
        {
            int depth = random.Next(0, 5);
            string prefix = string.Concat(Enumerable.Range(0, depth).Select(_ => s_labels[random.Next(s_labels.Length)] + "."));
            string suffix = s_suffixes[random.Next(s_suffixes.Length)];
            string name = suffix == "." ? (prefix.Length == 0 ? "." : prefix) : prefix + suffix;
            DnsType type = random.Next(4) == 0 ? (DnsType)random.Next(0, 65536) : s_types[random.Next(s_types.Length)];
            var message = new DnsMessage
            {
                Header = new DnsHeader { Id = (ushort)i, Opcode = (byte)(random.Next(8) == 0 ? random.Next(16) : 0), RecursionDesired = random.Next(2) == 0 },
                Questions = [.. Enumerable.Repeat(new DnsQuestion(DnsName.Parse(name), type), random.Next(10) == 0 ? random.Next(3) : 1)],
                Edns = random.Next(2) == 0 ? new DnsEdns { UdpPayloadSize = (ushort)random.Next(0, 5000), Version = (byte)(random.Next(10) == 0 ? 1 : 0) } : null,
            };
            int length = DnsMessageWriter.Write(message, query, query.Length);
            if (random.Next(20) == 0)
                query[random.Next(length)] ^= (byte)random.Next(1, 256);
            int max = random.Next(4) == 0 ? random.Next(12, 600) : 65535;
            if (s_answerer.Value.TryAnswer(query.AsSpan(0, length), response, max, out int written))
            {
                Assert.True(written <= max);
                DnsMessage parsed = DnsMessage.Parse(response.AsSpan(0, written));
                Assert.True(parsed.Header.IsResponse);
            }
        }
    }
}
