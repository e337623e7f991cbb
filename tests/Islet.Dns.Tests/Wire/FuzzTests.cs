using System.Diagnostics;
using Islet.Dns.Wire;
using Xunit.Abstractions;

namespace Islet.Dns.Tests.Wire;

public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 1_000_000;

    [Fact]
    public void Mutated_messages_parse_or_throw_DnsFormatException_and_reparse_after_rewrite()
    {
        List<byte[]> corpus = Samples.Corpus();
        foreach (byte[] message in corpus)
            DnsMessage.Parse(message);
        var random = new Random(20261122);
        byte[] work = new byte[1024];
        byte[] rewritten = new byte[65535];
        int done = 0, parsed = 0, rejected = 0, iterations = 0;
        var clock = Stopwatch.StartNew();
        while (done < Mutations)
        {
            byte[] seed = corpus[random.Next(corpus.Count)];
            seed.CopyTo(work, 0);
            int length = seed.Length;
            int count = Math.Min(random.Next(1, 4), Mutations - done);
            for (int m = 0; m < count; m++)
                length = Mutate(random, work, length);
            done += count;
            iterations++;
            DnsMessage message;
            try
            {
                message = DnsMessage.Parse(work.AsSpan(0, length));
            }
            catch (DnsFormatException)
            {
                rejected++;
                continue;
            }
            parsed++;
            int written = DnsMessageWriter.Write(message, rewritten, 65535);
            DnsMessage again = DnsMessage.Parse(rewritten.AsSpan(0, written));
            Assert.Equal(message.Questions.Count, again.Questions.Count);
            if (!again.Header.IsTruncated || message.Header.IsTruncated)
                Assert.Equal(message.Answers.Count, again.Answers.Count);
        }
        output.WriteLine($"{done} mutations in {iterations} messages: {parsed} parsed, {rejected} rejected, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(parsed > 1000 && rejected > 1000);
    }

    private static int Mutate(Random random, byte[] work, int length)
    {
        switch (random.Next(5))
        {
            case 0 when length > 0:
                work[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
            case 1 when length > 0:
                work[random.Next(length)] = (byte)random.Next(256);
                return length;
            case 2 when length > 0:
                return random.Next(length);
            case 3 when length < work.Length - 8:
            {
                int at = random.Next(length + 1), n = random.Next(1, 5);
                Array.Copy(work, at, work, at + n, length - at);
                for (int i = 0; i < n; i++)
                    work[at + i] = (byte)random.Next(256);
                return length + n;
            }
            case 4 when length > 1:
            {
                // A compression pointer somewhere, the most interesting single change.
                int at = random.Next(length - 1);
                work[at] = (byte)(0xC0 | random.Next(2));
                work[at + 1] = (byte)random.Next(256);
                return length;
            }
            default:
                return length;
        }
    }
}
