using System.Buffers.Binary;
using Islet.Events;
using Islet.Links;
using Xunit;

namespace Islet.Platform.Tests.Links;

public sealed class MemoryLinkTests
{
    private const int FrameLength = 1514;

    /// <summary>Sends <paramref name="count"/> numbered frames from A and records (arrival time, number) at B.</summary>
    private static List<(long At, int Number)> Transfer(MemoryLinkOptions options, int count, out MemoryNetDevice sender, int spacingMicroseconds = 0)
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var (a, b) = MemoryLink.CreatePair(loop, options);
        sender = a;
        var arrivals = new List<(long, int)>();
        loop.Run(async () =>
        {
            var frame = new byte[FrameLength];
            var buffer = new byte[FrameLength];
            var receiving = ReceiveAsync();
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(frame, i);
                while (!a.TrySend(frame)) await a.WaitWritableAsync();
                if (spacingMicroseconds > 0) await loop.Delay(TimeSpan.FromMicroseconds(spacingMicroseconds));
            }
            await loop.Delay(TimeSpan.FromSeconds(10)); // everything still on the wire arrives
            async Task ReceiveAsync()
            {
                while (true)
                {
                    while (b.TryReceive(buffer, out int length))
                    {
                        Assert.Equal(FrameLength, length);
                        arrivals.Add((loop.NowNanoseconds, BinaryPrimitives.ReadInt32BigEndian(buffer)));
                    }
                    await b.WaitReadableAsync();
                }
            }
        });
        return arrivals;
    }

    [Fact]
    public void Perfect_link_delivers_every_frame_in_order_after_the_delay()
    {
        var arrivals = Transfer(new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(3) }, 500, out _);
        Assert.Equal(Enumerable.Range(0, 500), arrivals.Select(x => x.Number));
        Assert.All(arrivals, x => Assert.Equal(3_000_000L, x.At));
    }

    [Fact]
    public void Bandwidth_spaces_frames_by_their_serialisation_time()
    {
        var arrivals = Transfer(new MemoryLinkOptions { BandwidthBitsPerSecond = 10_000_000 }, 100, out _);
        long perFrame = FrameLength * 8L * 1_000_000_000L / 10_000_000;
        Assert.Equal(perFrame, arrivals[0].At);
        Assert.Equal(100 * perFrame, arrivals[^1].At);
    }

    [Fact]
    public void Loss_drops_about_the_configured_share_and_counts_it()
    {
        var arrivals = Transfer(new MemoryLinkOptions { Loss = 0.3, Seed = 7 }, 10_000, out var sender, spacingMicroseconds: 10);
        Assert.Equal(10_000, arrivals.Count + sender.LinkLost);
        Assert.InRange(sender.LinkLost, 2_700, 3_300); // binomial: mean 3000, sd 46
        Assert.Equal(arrivals.Select(x => x.Number).Order(), arrivals.Select(x => x.Number)); // loss alone never reorders
    }

    [Fact]
    public void Duplication_delivers_extra_copies()
    {
        var arrivals = Transfer(new MemoryLinkOptions { Duplicate = 0.1, Seed = 3 }, 2_000, out var sender, spacingMicroseconds: 10);
        Assert.Equal(2_000 + sender.LinkDuplicated, arrivals.Count);
        Assert.InRange(sender.LinkDuplicated, 140, 260);
        Assert.Equal(Enumerable.Range(0, 2_000), arrivals.Select(x => x.Number).Distinct());
    }

    [Fact]
    public void Reordering_lets_later_frames_overtake_and_loses_none()
    {
        var arrivals = Transfer(new MemoryLinkOptions { Reorder = 0.1, ReorderDelay = TimeSpan.FromMilliseconds(2), Seed = 5 }, 2_000, out _, spacingMicroseconds: 100);
        var numbers = arrivals.Select(x => x.Number).ToList();
        Assert.Equal(Enumerable.Range(0, 2_000), numbers.Order());
        int inversions = numbers.Zip(numbers.Skip(1)).Count(p => p.First > p.Second);
        Assert.InRange(inversions, 100, 300);
    }

    [Fact]
    public void Same_seed_gives_the_same_run_and_another_seed_does_not()
    {
        MemoryLinkOptions Options(int seed) => new() { Seed = seed, Loss = 0.05, Duplicate = 0.02, Reorder = 0.1, Jitter = TimeSpan.FromMilliseconds(1), Delay = TimeSpan.FromMilliseconds(5) };
        var first = Transfer(Options(42), 3_000, out _, spacingMicroseconds: 50);
        var again = Transfer(Options(42), 3_000, out _, spacingMicroseconds: 50);
        var other = Transfer(Options(43), 3_000, out _, spacingMicroseconds: 50);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Receiver_that_does_not_read_drops_beyond_its_queue_and_counts_it()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var (a, b) = MemoryLink.CreatePair(loop, new MemoryLinkOptions { ReceiveQueueLimit = 10 });
        loop.Run(async () =>
        {
            for (int i = 0; i < 25; i++) Assert.True(a.TrySend(new byte[60]));
            await loop.Delay(TimeSpan.FromMilliseconds(1));
        });
        Assert.Equal(15, b.Counters.RxDropped);
        int received = 0;
        while (b.TryReceive(new byte[1514], out _)) received++;
        Assert.Equal(10, received);
    }

    [Fact]
    public void Oversized_frame_is_refused_and_a_full_wire_pushes_back()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var (a, _) = MemoryLink.CreatePair(loop, new MemoryLinkOptions { InFlightLimit = 3, Delay = TimeSpan.FromMilliseconds(1) });
        Assert.Throws<ArgumentException>(() => a.TrySend(new byte[1515]));
        Assert.True(a.TrySend(new byte[60]));
        Assert.True(a.TrySend(new byte[60]));
        Assert.True(a.TrySend(new byte[60]));
        Assert.False(a.TrySend(new byte[60]));
        Assert.Equal(1, a.Counters.TxDropped);
        loop.Run(async () =>
        {
            await a.WaitWritableAsync(); // completes when the wire drains, 1 ms later
            Assert.Equal(1_000_000L, loop.NowNanoseconds);
            Assert.True(a.TrySend(new byte[60]));
        });
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Impossible_probability_is_refused(double p)
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryLink.CreatePair(loop, new MemoryLinkOptions { Loss = p }));
    }
}
