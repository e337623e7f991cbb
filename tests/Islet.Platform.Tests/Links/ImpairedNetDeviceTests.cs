using System.Buffers.Binary;
using Islet.Events;
using Islet.Links;
using Xunit;

namespace Islet.Platform.Tests.Links;

public sealed class ImpairedNetDeviceTests
{
    /// <summary>A sends numbered frames to B over a perfect link; <paramref name="impairSender"/> picks which end is wrapped.</summary>
    private static (List<int> Numbers, long Lost, long Duplicated) Run(MemoryLinkOptions impairment, bool impairSender, int count = 4_000)
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var (a, b) = MemoryLink.CreatePair(loop, new MemoryLinkOptions());
        var impairedA = new ImpairedNetDevice<MemoryNetDevice>(a, loop, impairment);
        var impairedB = new ImpairedNetDevice<MemoryNetDevice>(b, loop, impairment);
        var numbers = new List<int>();
        loop.Run(async () =>
        {
            var frame = new byte[64];
            var receiving = Receive();
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(frame, i);
                if (impairSender) impairedA.TrySend(frame);
                else a.TrySend(frame);
                await loop.Delay(TimeSpan.FromMicroseconds(100));
            }
            await loop.Delay(TimeSpan.FromSeconds(5));

            async Task Receive()
            {
                var buffer = new byte[1514];
                while (true)
                {
                    if (impairSender)
                    {
                        while (b.TryReceive(buffer, out _)) numbers.Add(BinaryPrimitives.ReadInt32BigEndian(buffer));
                        await b.WaitReadableAsync();
                    }
                    else
                    {
                        while (impairedB.TryReceive(buffer, out _)) numbers.Add(BinaryPrimitives.ReadInt32BigEndian(buffer));
                        await impairedB.WaitReadableAsync();
                    }
                }
            }
        });
        var wrapped = impairSender ? impairedA : impairedB;
        return (numbers, wrapped.Lost, wrapped.Duplicated);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_directions_lose_duplicate_and_reorder_as_configured(bool impairSender)
    {
        var options = new MemoryLinkOptions { Seed = 4, Loss = 0.05, Duplicate = 0.02, Reorder = 0.1, ReorderDelay = TimeSpan.FromMilliseconds(2), Delay = TimeSpan.FromMilliseconds(5) };
        var (numbers, lost, duplicated) = Run(options, impairSender);
        Assert.Equal(4_000 - lost + duplicated, numbers.Count);
        Assert.InRange(lost, 120, 290);
        Assert.InRange(duplicated, 40, 130);
        int inversions = numbers.Zip(numbers.Skip(1)).Count(p => p.First > p.Second);
        Assert.InRange(inversions, 150, 600);
        Assert.Equal(4_000 - lost, numbers.Distinct().Count());
    }

    [Fact]
    public void Without_impairments_every_frame_arrives_in_order()
    {
        var (numbers, lost, _) = Run(new MemoryLinkOptions(), impairSender: false, count: 500);
        Assert.Equal(0, lost);
        Assert.Equal(Enumerable.Range(0, 500), numbers);
    }

    [Fact]
    public void Impairment_option_parses_percentages_and_milliseconds()
    {
        Assert.True(LinkImpairment.TryParse("loss=5%,reorder=10,delay=5,dup=1,jitter=0.5,seed=9", out var o, out var error), error);
        Assert.Equal((0.05, 0.10, 0.01, 9), (o.Loss, o.Reorder, o.Duplicate, o.Seed));
        Assert.Equal(TimeSpan.FromMilliseconds(5), o.Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), o.Jitter);
    }

    [Theory]
    [InlineData("loss", "--islet-impair: 'loss' is not NAME=NUMBER")]
    [InlineData("loss=abc", "--islet-impair: 'loss=abc' is not NAME=NUMBER")]
    [InlineData("speed=5", "--islet-impair: unknown setting 'speed' (loss, dup, reorder, delay, jitter, reorder-delay, seed)")]
    [InlineData("loss=150", "--islet-impair: A probability is between 0 and 1. (Parameter 'Loss')")]
    public void Bad_impairment_options_give_one_clear_line(string text, string message)
    {
        Assert.False(LinkImpairment.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }
}
