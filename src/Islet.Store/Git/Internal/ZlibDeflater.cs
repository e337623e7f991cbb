using System.IO.Compression;

namespace Islet.Store.Git.Internal;

/// <summary>
/// zlib compression for pack entries. <c>ZLibStream</c> writes nothing at all for empty input, which
/// is not a zlib stream (git's inflate refuses it), so empty input gets the stream git writes: a
/// header, one empty final fixed-Huffman block, and the Adler-32 of nothing (1).
/// </summary>
internal static class ZlibDeflater
{
    private static ReadOnlySpan<byte> Empty => [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];

    /// <summary>Writes the zlib stream of <paramref name="data"/>, deflated at <paramref name="level"/>, to <paramref name="output"/>.</summary>
    public static void Compress(Stream output, ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Optimal)
    {
        if (data.IsEmpty)
        {
            output.Write(Empty);
            return;
        }
        using var zlib = new ZLibStream(output, level, leaveOpen: true);
        zlib.Write(data);
    }
}
