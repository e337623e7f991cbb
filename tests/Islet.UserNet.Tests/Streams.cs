using System.IO.Pipelines;
using Islet.Devices;
using Islet.Events;

namespace Islet.UserNet.Tests;

/// <summary>Helpers shared by the tests: pipes to the end, an echo server, entropy, bounded waits.</summary>
internal static class Streams
{
    public sealed class SeededEntropy(int seed) : IEntropy
    {
        private readonly Random _random = new(seed);
        public void Fill(Span<byte> destination) => _random.NextBytes(destination);
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        var all = new MemoryStream();
        while (true)
        {
            var result = await reader.ReadAsync();
            foreach (var segment in result.Buffer) all.Write(segment.Span);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) return all.ToArray();
        }
    }

    public static async Task SendAllAsync(PipeWriter writer, byte[] data, bool complete = true)
    {
        for (int offset = 0; offset < data.Length; offset += 64 * 1024)
            await writer.WriteAsync(data.AsMemory(offset, Math.Min(64 * 1024, data.Length - offset)));
        if (complete) await writer.CompleteAsync();
    }

    /// <summary>Echoes every accepted flow until its peer closes, then closes.</summary>
    public static async Task EchoAsync(Islet.Net.ITcpListener listener)
    {
        while (await listener.AcceptAsync() is { } flow)
        {
            _ = EchoOneAsync(flow);
        }
    }

    private static async Task EchoOneAsync(Islet.Net.ITcpFlow flow)
    {
        try
        {
            await flow.Input.CopyToAsync(flow.Output);
            await flow.Output.CompleteAsync();
        }
        catch (IOException) { }
        await flow.DisposeAsync();
    }

    /// <summary>Waits on the loop until <paramref name="condition"/> holds, polling every 10 ms, at most <paramref name="limit"/>.</summary>
    public static async Task WaitUntilAsync(EventLoop loop, Func<bool> condition, TimeSpan limit, string what)
    {
        long deadline = loop.NowNanoseconds + (long)limit.TotalNanoseconds;
        while (!condition())
        {
            if (loop.NowNanoseconds > deadline) throw new TimeoutException($"{what} did not happen within {limit}");
            await loop.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Awaits <paramref name="work"/> on the loop, failing if <paramref name="limit"/> passes first.</summary>
    public static async Task<T> Within<T>(EventLoop loop, Task<T> work, TimeSpan limit, string what)
    {
        if (await Task.WhenAny(work, loop.Delay(limit)) != work) throw new TimeoutException($"{what} did not finish within {limit}");
        return await work;
    }
}
