using System.IO.Compression;

namespace Islet.Crunch;

/// <summary>
/// Gzip (RFC 1952) compression whose output depends only on the input and the runtime's
/// zlib build, not on the clock or the operating system.
/// </summary>
public static class DeterministicGzip
{
    private const int HeaderLength = 10;
    private const int MtimeOffset = 4;   // RFC 1952 §2.3: MTIME, 4 bytes
    private const int OsOffset = 9;      // RFC 1952 §2.3: OS
    private const byte OsUnknown = 255;

    // Header (XFL 2: best compression), an empty final fixed-Huffman block, CRC-32 0, size 0.
    private static ReadOnlySpan<byte> EmptyMember =>
        [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, OsUnknown, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// Compresses <paramref name="data"/> at <see cref="CompressionLevel.SmallestSize"/>.
    /// The header's MTIME is zero ("no time stamp"; .NET already writes zero) and its OS byte
    /// is 255 ("unknown") instead of the build machine's, so every platform produces the same
    /// bytes. Empty input gives a valid 20-byte member.
    /// </summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return EmptyMember.ToArray(); // GZipStream writes no bytes at all for no input
        var output = new MemoryStream(data.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }
        var bytes = output.ToArray();
        if (bytes.Length < HeaderLength || bytes[0] != 0x1F || bytes[1] != 0x8B)
            throw new InvalidOperationException("GZipStream did not write a gzip header.");
        bytes.AsSpan(MtimeOffset, 4).Clear();
        bytes[OsOffset] = OsUnknown;
        return bytes;
    }
}
