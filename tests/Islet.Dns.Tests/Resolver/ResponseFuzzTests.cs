using System.Buffers.Binary;
using Islet.Dns.Resolver;
using Islet.Dns.Resolver.Internal;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Resolver;

/// <summary>Random and mutated datagrams fed to the resolver's response core (check, interpret,
/// cache): nothing throws, a datagram with another id is always ignored, and whatever is cached
/// lies on the CNAME chain from the asked name.</summary>
public sealed class ResponseFuzzTests
{
    private const ushort Id = 0x5a5a;

    private static readonly (string Name, DnsType Type)[] s_questions =
    [
        ("www.example.com.", DnsType.A), ("alias.example.com.", DnsType.AAAA), ("dangling.example.com.", DnsType.A),
        ("nope.example.com.", DnsType.A), ("big.example.com.", DnsType.TXT), ("_sip._tcp.example.com.", DnsType.SRV),
        ("loop1.example.com.", DnsType.A), ("www.example.com.", DnsType.MX), ("q.wcname.example.com.", DnsType.A),
    ];

    [Fact]
    public void Hundred_thousand_mutated_responses_never_throw_and_never_cache_off_chain_records()
    {
        var random = new Random(20261122);
        var seeds = s_questions.Select(q =>
        {
            var question = new DnsQuestion(DnsName.Parse(q.Name), q.Type);
            byte[] query = new byte[512];
            int length = new PendingQuery(question, Id, 1232).WriteQuery(query);
            byte[] answer = ScriptedDnsServer.Answer(query[..length]);
            return (question, answer);
        }).ToArray();
        foreach (var (question, answer) in seeds)
            Assert.Equal(ResponseVerdict.Accept, new PendingQuery(question, Id, 1232).Check(answer, out _));

        int accepted = 0, cachedSomething = 0;
        for (int i = 0; i < 100_000; i++)
        {
            var (question, seed) = seeds[random.Next(seeds.Length)];
            byte[] datagram = Mutate(seed, seeds[random.Next(seeds.Length)].answer, random);
            var pending = new PendingQuery(question, Id, 1232);
            ResponseVerdict verdict = pending.Check(datagram, out DnsMessage? message);
            if (datagram.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(datagram) != Id)
                Assert.Equal(ResponseVerdict.Ignore, verdict);
            if (verdict != ResponseVerdict.Accept)
                continue;
            accepted++;
            Assert.Equal(question, Assert.Single(message!.Questions));
            var cache = new DnsCache();
            cache.Store(question, message, 0);
            if (cache.Count > 0)
                cachedSomething++;
            AssertOnChain(cache, question, message);
            cache.Lookup(question, 0);
            cache.Lookup(question with { Type = DnsType.CNAME }, 0);
        }
        Assert.True(accepted > 5_000, $"only {accepted} datagrams were accepted");
        Assert.True(cachedSomething > 1_000, $"only {cachedSomething} datagrams cached anything");
    }

    /// <summary>Every entry is keyed by the asked name or by a name the response's CNAME records
    /// lead to from it, and positive entries hold records of their own key.</summary>
    private static void AssertOnChain(DnsCache cache, DnsQuestion question, DnsMessage response)
    {
        var reachable = new HashSet<DnsName> { question.Name };
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (DnsRecord r in response.Answers.Where(r => r.Data is CNameRecordData && r.Class == question.Class && reachable.Contains(r.Name)))
                grew |= reachable.Add(((CNameRecordData)r.Data).Target);
        }
        foreach (CacheEntry e in cache.Entries)
        {
            Assert.Contains(e.Key.Name, reachable);
            Assert.Equal(question.Class, e.Key.Class);
            Assert.Contains(e.Key.Type, new[] { question.Type, DnsType.CNAME, CacheKey.NameErrorType });
            Assert.All(e.Records, r => Assert.True(r.Name == e.Key.Name && r.Type == e.Key.Type && r.Class == e.Key.Class));
        }
    }

    private static byte[] Mutate(byte[] seed, byte[] other, Random random)
    {
        byte[] d = (byte[])seed.Clone();
        if (d.Length < DnsHeader.Length)
            return d; // an earlier mutation left too little to work on
        switch (random.Next(8))
        {
            case 0: // noise, sometimes with a plausible header
                d = new byte[random.Next(0, 600)];
                random.NextBytes(d);
                if (d.Length >= 4 && random.Next(2) == 0)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(d, Id);
                    d[2] = (byte)(0x80 | (d[2] & 0x07));
                }
                break;
            case 1: // flipped bytes
                for (int n = random.Next(1, 9); n > 0; n--)
                    d[random.Next(d.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case 2: // cut short
                d = d[..random.Next(d.Length)];
                break;
            case 3: // random counts and flags
                BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(2 + 2 * random.Next(5)), (ushort)random.Next(65536));
                d[2] |= 0x80;
                break;
            case 4: // a piece of another answer spliced in after the question
                int at = Math.Min(d.Length, 12 + random.Next(40));
                int from = random.Next(other.Length), count = random.Next(other.Length - from);
                d = [.. d[..at], .. other.AsSpan(from, count), .. d[at..]];
                break;
            case 5: // another id
                BinaryPrimitives.WriteUInt16BigEndian(d, (ushort)(Id + 1 + random.Next(65535)));
                break;
            case 6: // random bytes overwritten in the records
                for (int n = random.Next(1, 4); n > 0; n--)
                    d[Math.Min(d.Length - 1, 12 + random.Next(Math.Max(1, d.Length - 12)))] = (byte)random.Next(256);
                break;
            default: // several of the above
                d = Mutate(Mutate(seed, other, random), other, random);
                break;
        }
        return d;
    }
}
