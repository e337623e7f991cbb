using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

public sealed class WriterAllocationTests
{
    [Fact]
    public void Writing_allocates_only_the_compression_table_not_per_record()
    {
        DnsMessage small = Samples.Response(edns: new DnsEdns { Options = [new EdnsOption(EdnsOption.Cookie, new byte[8])] });
        var large = new DnsMessage
        {
            Questions = small.Questions,
            Answers = [.. Enumerable.Range(0, 20).SelectMany(_ => Samples.EveryType())],
            Edns = small.Edns,
        };
        byte[] buffer = new byte[65535];
        long Measure(DnsMessage message)
        {
            DnsMessageWriter.Write(message, buffer, 65535);
            long before = GC.GetAllocatedBytesForCurrentThread();
            DnsMessageWriter.Write(message, buffer, 65535);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long forSmall = Measure(small), forLarge = Measure(large);
        // 17 records against 300: only the label-offset list grows (it doubles, so the total stays small).
        Assert.True(forSmall < 1024, $"{forSmall} bytes for {small.Answers.Count} records");
        Assert.True(forLarge < 2048, $"{forLarge} bytes for {large.Answers.Count} records");
    }
}
