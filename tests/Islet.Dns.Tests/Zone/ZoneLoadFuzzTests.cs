using System.Diagnostics;
using System.Text;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneLoadFuzzTests
{
    private const string Signed = """
        $TTL 300
        @ SOA ns1 h ( 1 1h 15m 1w 1m )
          NS ns1
          DNSKEY 257 3 8 AwEAAag/ AQID BAUG
          RRSIG SOA 8 2 300 20300101000000 20200101000000 1234 @ AAAA BBBB
          NSEC a NS SOA RRSIG NSEC DNSKEY
        ns1 A 192.0.2.1
        a TXT "x\"y" \065 ""
          NSEC sub NSEC TXT
          TYPE1234 \# 3 01 0203
        sub NS ns1.sub
            DS 1 8 2 00FF 00ff
        ns1.sub AAAA ::1
        """;

    private static readonly string[] s_seeds = [ZoneLoadTests.Realistic, Signed];

    [Fact]
    public void Random_mutations_of_valid_zones_load_or_throw_zone_file_exception()
    {
        foreach (string seed in s_seeds)
            DnsZone.Load(seed, ZoneLoadTests.s_origin);
        var random = new Random(2308);
        var text = new StringBuilder();
        int accepted = 0;
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < 100_000; round++)
        {
            text.Clear().Append(s_seeds[random.Next(s_seeds.Length)]);
            int mutations = 1 + random.Next(3);
            for (int m = 0; m < mutations; m++)
                ZoneFileFuzzTests.Mutate(text, random);
            string input = text.ToString();
            try
            {
                DnsZone.Load(input, ZoneLoadTests.s_origin);
                accepted++;
            }
            catch (ZoneFileException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"round {round}: {e.GetType().Name} for input {ZoneFileFuzzTests.Escape(input)}\n{e}");
            }
        }
        Assert.InRange(accepted, 500, 99_000);
        Console.WriteLine($"took {clock.Elapsed}"); // reported, never asserted: no timing thresholds in tests
    }
}
