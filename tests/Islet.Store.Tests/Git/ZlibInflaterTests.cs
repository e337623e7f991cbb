using System.IO.Compression;
using Islet.Store.Git.Internal;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Tests.Git;

/// <summary>The exact-consumption inflater against the BCL's deflater at every level, and its refusals.</summary>
public sealed class ZlibInflaterTests
{
    public static TheoryData<CompressionLevel, int> Cases()
    {
        var data = new TheoryData<CompressionLevel, int>();
        foreach (CompressionLevel level in Enum.GetValues<CompressionLevel>())
        {
            foreach (int size in new[] { 1, 2, 100, 4_000, 70_000, 300_000 })
                data.Add(level, size);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Inflates_what_the_bcl_deflates_and_stops_exactly_at_the_stream_end(CompressionLevel level, int size)
    {
        var random = new Random(size);
        byte[] original = new byte[size];
        // Half text-like (long matches, dynamic codes), half noise (stored or literal-heavy blocks).
        for (int i = 0; i < size; i++)
            original[i] = i % 20_000 < 10_000 ? (byte)"abcdefgh \n"[random.Next(10) * random.Next(2)] : (byte)random.Next(256);
        byte[] stream = [.. Compress(original, level), .. "NEXT"u8];
        var input = new PackDataInput(new MemoryStream(stream), stream.Length);
        byte[] output = new byte[size];
        new ZlibInflater().Inflate(input, output);
        Assert.Equal(original, output);
        Assert.Equal(stream.Length - 4, input.Offset);
    }

    [Fact]
    public void A_buffer_grows_only_as_output_arrives()
    {
        byte[] original = new byte[50_000];
        byte[] stream = Compress(original, CompressionLevel.Optimal);
        byte[] buffer = [];
        new ZlibInflater().Inflate(new PackDataInput(new MemoryStream(stream), stream.Length), original.Length, ref buffer);
        Assert.Equal(original.Length, buffer.Length);
        buffer = [];
        var e = Assert.Throws<GitPackException>(() => new ZlibInflater().Inflate(new PackDataInput(new MemoryStream(stream), stream.Length), int.MaxValue, ref buffer));
        Assert.Equal(GitPackError.BadCompression, e.Error);
        Assert.True(buffer.Length < 1 << 20, $"grew to {buffer.Length}");
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }, null)]
    [InlineData(new byte[] { 0x78, 0x9d, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }, GitPackError.BadCompression)]
    [InlineData(new byte[] { 0x79, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }, GitPackError.BadCompression)]
    [InlineData(new byte[] { 0x78, 0xbb, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }, GitPackError.BadCompression)]
    [InlineData(new byte[] { 0x78, 0x9c, 0x07, 0x00, 0x00, 0x00, 0x00, 0x01 }, GitPackError.BadCompression)]
    [InlineData(new byte[] { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x02 }, GitPackError.BadCompression)]
    [InlineData(new byte[] { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00 }, GitPackError.Truncated)]
    [InlineData(new byte[] { 0x78, 0x9c, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01 }, null)]
    [InlineData(new byte[] { 0x78, 0x9c, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x00, 0x01 }, GitPackError.BadCompression)]
    [InlineData(new byte[] { 0x78, 0x9c, 0x01, 0x01, 0x00, 0xfe, 0xff, 0x41, 0x00, 0x42, 0x00, 0x42 }, GitPackError.BadCompression)]
    public void Empty_streams_and_their_corruptions(byte[] stream, GitPackError? error)
    {
        var input = new PackDataInput(new MemoryStream(stream), stream.Length);
        if (error is null)
        {
            new ZlibInflater().Inflate(input, []);
            Assert.Equal(stream.Length, input.Offset);
        }
        else
        {
            Assert.Equal(error, Assert.Throws<GitPackException>(() => new ZlibInflater().Inflate(input, [])).Error);
        }
    }

    [Fact]
    public void A_back_reference_before_the_start_is_refused()
    {
        // Fixed block: length symbol 257 (3 bytes) at distance 1 with nothing written yet.
        // Bits: BFINAL=1, BTYPE=01, then code 257 = 0000001 (7 bits), distance code 0 = 00000 (5 bits).
        byte[] stream = [0x78, 0x9c, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        var input = new PackDataInput(new MemoryStream(stream), stream.Length);
        var e = Assert.Throws<GitPackException>(() => new ZlibInflater().Inflate(input, new byte[3]));
        Assert.Equal(GitPackError.BadCompression, e.Error);
        Assert.Contains("before the start", e.Message);
    }

    private static byte[] Compress(byte[] data, CompressionLevel level)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
            zlib.Write(data);
        return output.ToArray();
    }
}
