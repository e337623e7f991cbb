using System.Diagnostics;
using System.Text;
using Islet.Dns.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneFileFuzzTests
{
    private const string Alphabet = "();\"\\ \t\n\r$@.*#0123456789azAZ-_é\0";

    private const string Small = """
        $ORIGIN example.
        $TTL 1h30m
        @ IN SOA ns hostmaster ( 1 2 3 4 5 )
          NS ns
        ns 60 A 192.0.2.1
        t TXT "a;b" "c\"d" \040e
        $INCLUDE inc.zone sub.example.
        x CLASS1 TYPE99 \# 1 ff
        """;

    private static readonly string[] s_seeds = [ZoneFileReaderTests.Realistic, Rfc1035ExampleTests.Text, Rfc1035ExampleTests.s_withoutInclude, Small];

    [Fact]
    public void Random_mutations_of_valid_zones_only_ever_throw_zone_file_exception()
    {
        var plain = new ZoneFileReader(new ZoneFileOptions { Origin = "ISI.EDU." });
        var including = new ZoneFileReader(new ZoneFileOptions
        {
            AllowInclude = true,
            MaxIncludeDepth = 2,
            IncludeResolver = name => name == "inc.zone" ? new StringReader("www A 1\n$INCLUDE inc.zone\n") : throw new IOException("no " + name),
        });
        var random = new Random(6);
        var text = new StringBuilder();
        int accepted = 0;
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < 200_000; round++)
        {
            text.Clear().Append(s_seeds[random.Next(s_seeds.Length)]);
            int mutations = 1 + random.Next(4);
            for (int m = 0; m < mutations; m++)
                Mutate(text, random);
            string input = text.ToString();
            try
            {
                (random.Next(2) == 0 ? plain : including).Read(input);
                accepted++;
            }
            catch (ZoneFileException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"round {round}: {e.GetType().Name} for input {Escape(input)}\n{e}");
            }
        }
        Assert.InRange(accepted, 1000, 199_000);
        Console.WriteLine($"took {clock.Elapsed}"); // reported, never asserted: no timing thresholds in tests
    }

    internal static void Mutate(StringBuilder text, Random random)
    {
        int at = random.Next(text.Length + 1);
        switch (random.Next(6))
        {
            case 0 when at < text.Length:
                text[at] = RandomChar(random);
                break;
            case 1:
                text.Insert(at, RandomChar(random));
                break;
            case 2 when at < text.Length:
                text.Remove(at, Math.Min(1 + random.Next(8), text.Length - at));
                break;
            case 3 when at < text.Length:
                int length = Math.Min(1 + random.Next(40), text.Length - at);
                text.Insert(random.Next(text.Length + 1), text.ToString(at, length));
                break;
            case 4:
                text.Length = at;
                break;
            default:
                text.Insert(at, random.Next(3) switch { 0 => "(", 1 => "\n ", _ => "\\" });
                break;
        }
    }

    private static char RandomChar(Random random) =>
        random.Next(8) == 0 ? (char)random.Next(0x10000) : Alphabet[random.Next(Alphabet.Length)];

    internal static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (char c in s)
            b.Append(c is >= ' ' and < '\x7f' ? c.ToString() : $"\\u{(int)c:x4}");
        return b.ToString();
    }
}
