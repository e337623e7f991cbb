using System.Buffers.Binary;
using System.Diagnostics;
using Islet.Events;
using Islet.Links;
using Xunit;

namespace Islet.Platform.Tests.Links;

public sealed class PcapWriterTests
{
    [Fact]
    public void Capture_records_frames_both_ways_with_lengths_and_nanosecond_times()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var loop = new EventLoop(new EventLoopOptions { VirtualTime = true }))
            {
                var (a, b) = MemoryLink.CreatePair(loop, new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(2) });
                using var captured = new CapturingNetDevice<MemoryNetDevice>(a, new PcapWriter(File.Create(path)), loop);
                loop.Run(async () =>
                {
                    Assert.True(captured.TrySend(Frame(0x11, 100)));
                    Assert.True(b.TrySend(Frame(0x22, 70000 % 1514)));
                    await loop.Delay(TimeSpan.FromMilliseconds(5));
                    var buffer = new byte[1514];
                    Assert.True(captured.TryReceive(buffer, out _));
                });
            }
            var records = Read(path);
            Assert.Equal(2, records.Count);
            Assert.Equal((100, (byte)0x11), (records[0].Length, records[0].FirstByte));
            Assert.Equal((70000 % 1514, (byte)0x22), (records[1].Length, records[1].FirstByte));
            Assert.Equal(5_000_000L, records[1].Nanoseconds - records[0].Nanoseconds); // received when the stack read it, 5 ms in
            // tshark (installed by scripts/setup) must read the capture the same way.
            var tshark = Process.Start(new ProcessStartInfo("tshark", ["-r", path, "-T", "fields", "-e", "frame.len", "-e", "frame.time_epoch"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var lines = tshark.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(tshark.WaitForExit(30_000));
            Assert.Equal(0, tshark.ExitCode);
            Assert.Equal(["100", (70000 % 1514).ToString()], lines.Select(l => l.Split('\t')[0]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Frame(byte fill, int length)
    {
        var frame = new byte[length];
        frame.AsSpan().Fill(fill);
        return frame;
    }

    private static List<(int Length, byte FirstByte, long Nanoseconds)> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0xa1b23c4du, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
        var records = new List<(int, byte, long)>();
        int at = 24;
        while (at < bytes.Length)
        {
            long seconds = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            long nanos = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            int captured = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 8));
            int original = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 12));
            Assert.Equal(captured, original);
            records.Add((original, bytes[at + 16], seconds * 1_000_000_000 + nanos));
            at += 16 + captured;
        }
        return records;
    }
}
