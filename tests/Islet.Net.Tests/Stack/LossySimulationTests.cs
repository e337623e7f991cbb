using System.Net;
using Islet.Links;
using Xunit;
using Xunit.Abstractions;
using static Islet.Net.Tests.Stack.DirectStackTests;

namespace Islet.Net.Tests.Stack;

/// <summary>
/// Two Islet stacks over a seeded lossy link: many transfers of random sizes must arrive
/// byte-exact, close cleanly, leave no connection state behind, and run identically for a seed.
/// </summary>
public sealed class LossySimulationTests(ITestOutputHelper output)
{
    private static MemoryLinkOptions Impaired(int seed) => new()
    {
        Seed = seed,
        Loss = 0.05,
        Duplicate = 0.02,
        Reorder = 0.05,
        ReorderDelay = TimeSpan.FromMilliseconds(3),
        Delay = TimeSpan.FromMilliseconds(5),
        Jitter = TimeSpan.FromMilliseconds(1),
        BandwidthBitsPerSecond = 1_000_000_000,
    };

    /// <summary>Runs <paramref name="count"/> transfers, <paramref name="parallel"/> at a time; returns a trace for determinism checks.</summary>
    private static string Simulate(int seed, int count, int parallel, int maxSize, ITestOutputHelper? log)
    {
        var random = new Random(seed);
        // Sizes spread over every order of magnitude from 1 byte to maxSize.
        var sizes = Enumerable.Range(0, count).Select(_ => (int)Math.Max(1, Math.Pow(maxSize, random.NextDouble()))).ToArray();
        sizes[0] = 1;
        sizes[^1] = maxSize;
        return WithTwoStacks(Impaired(seed), async (loop, a, b) =>
        {
            await using var listener = await b.Tcp.ListenAsync(new IPEndPoint(IPAddress.Any, 9000), new Net.TcpListenOptions { Backlog = parallel * 2 });
            var serving = ServeAsync();
            int next = 0;
            long bytes = 0;
            async Task Worker()
            {
                while (next < sizes.Length)
                {
                    int index = next++;
                    var data = new byte[sizes[index]];
                    new Random(seed * 1000 + index).NextBytes(data);
                    await using var flow = await a.Tcp.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 9000));
                    var echo = ReadAllAsync(flow.Input);
                    await SendAllAsync(flow.Output, data);
                    byte[] back = await echo;
                    Assert.True(data.AsSpan().SequenceEqual(back), $"transfer {index} of {data.Length} bytes came back different ({back.Length} bytes)");
                    bytes += data.Length;
                }
            }
            async Task ServeAsync()
            {
                var echoes = new List<Task>();
                while (await listener.AcceptAsync() is { } flow) echoes.Add(EchoAsync(flow));
                await Task.WhenAll(echoes);
            }
            static async Task EchoAsync(Net.ITcpFlow flow)
            {
                await using (flow)
                {
                    await flow.Input.CopyToAsync(flow.Output);
                    await flow.Output.CompleteAsync();
                }
            }
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Worker()));
            await loop.Delay(TimeSpan.FromMinutes(3)); // past TIME-WAIT
            Assert.Equal(0, a.TcpLayer.ConnectionCount);
            Assert.Equal(1, b.TcpLayer.ConnectionCount + 1); // only the listener remains on b
            Assert.Equal(0, b.TcpLayer.ConnectionCount);
            string trace = $"bytes={bytes} end={loop.NowNanoseconds} polls={a.Polls}/{b.Polls} " +
                $"retx={a.TcpLayer.Counters.Retransmissions}/{b.TcpLayer.Counters.Retransmissions} " +
                $"rto={a.TcpLayer.Counters.Timeouts}/{b.TcpLayer.Counters.Timeouts} " +
                $"lost={a.Interface.Device.LinkLost}/{b.Interface.Device.LinkLost}";
            log?.WriteLine(trace);
            return trace;
        });
    }

    [Fact]
    public void Two_hundred_transfers_up_to_8_MB_over_a_lossy_link_are_byte_exact_and_leave_nothing_behind() =>
        Simulate(seed: 2026, count: 200, parallel: 4, maxSize: 8 * 1024 * 1024, output);

    [Fact]
    public void The_same_seed_replays_the_same_run()
    {
        string first = Simulate(seed: 7, count: 12, parallel: 3, maxSize: 256 * 1024, null);
        string second = Simulate(seed: 7, count: 12, parallel: 3, maxSize: 256 * 1024, null);
        string other = Simulate(seed: 8, count: 12, parallel: 3, maxSize: 256 * 1024, null);
        output.WriteLine(first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }
}
