using System.IO.Compression;
using System.Text;

namespace Islet.Store.Git.Internal;

/// <summary>
/// The bytes of a loose object file: zlib over <c>TYPE SIZE\0CONTENT</c> (gitformat, "loose objects").
/// Decoding checks the header and that the content has the expected id.
/// </summary>
internal static class LooseObjectCodec
{
    /// <summary>The longest header: "commit" + space + 19 digits + NUL, with room to spare.</summary>
    private const int MaxHeaderLength = 32;

    /// <summary>zlib-compresses the header and content at the fastest level (git's core.looseCompression default is 1, best speed).</summary>
    public static byte[] Encode(GitObjectType type, ReadOnlySpan<byte> content)
    {
        Span<byte> header = stackalloc byte[MaxHeaderLength];
        int headerLength = GitObjectId.WriteHeader(type, content.Length, header);
        var output = new MemoryStream(content.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(header[..headerLength]);
            zlib.Write(content);
        }
        return output.ToArray();
    }

    /// <summary>Inflates <paramref name="file"/>, checks the header, and that the object hashes to <paramref name="expected"/>.</summary>
    /// <exception cref="GitFormatException">Not zlib, truncated, a bad header, a size that does not match, trailing data, or a different id.</exception>
    public static (GitObjectType Type, byte[] Content) Decode(ReadOnlySpan<byte> file, GitObjectId expected)
    {
        (GitObjectType type, byte[] content) = Decode(file);
        GitObjectId actual = GitObjectId.Compute(type, content, expected.Algorithm);
        if (actual != expected)
            ThrowHelper.Format($"The loose object {expected} is corrupt: its content hashes to {actual}.");
        return (type, content);
    }

    /// <summary>Inflates <paramref name="file"/> and checks its header; the id is not checked.</summary>
    /// <exception cref="GitFormatException">Not zlib, truncated, a bad header, a size that does not match, or trailing data.</exception>
    public static (GitObjectType Type, byte[] Content) Decode(ReadOnlySpan<byte> file)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(file.ToArray(), writable: false), CompressionMode.Decompress);
            Span<byte> header = stackalloc byte[MaxHeaderLength];
            (GitObjectType type, int size, int headerLength) = ReadHeader(zlib, header);
            // Deflate expands at most about 1032:1, so a larger size is a lie; refuse before allocating it.
            if (size > (long)file.Length * 1100 + 1024)
                ThrowHelper.Format($"A loose object's header says {size} bytes, more than {file.Length} compressed bytes can hold.");
            byte[] content = new byte[size];
            int read = 0;
            while (read < size)
            {
                int n = zlib.Read(content, read, size - read);
                if (n == 0)
                    ThrowHelper.Format($"A loose object's header says {size} bytes but it holds {read}.");
                read += n;
            }
            if (zlib.ReadByte() >= 0)
                ThrowHelper.Format($"A loose object's header says {size} bytes but it holds more.");
            CheckTrailer(file, header[..headerLength], content);
            return (type, content);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new GitFormatException($"A loose object is not valid zlib data: {e.Message}", e);
        }
    }

    /// <summary>
    /// The zlib stream must end the file with the Adler-32 of what it inflated to: the inflater
    /// does not notice a file cut short inside the checksum, and Git refuses bytes after it.
    /// </summary>
    private static void CheckTrailer(ReadOnlySpan<byte> file, ReadOnlySpan<byte> header, ReadOnlySpan<byte> content)
    {
        var adler = new Adler32();
        adler.Append(header);
        adler.Append("\0"u8);
        adler.Append(content);
        if (file.Length < 6 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file[^4..]) != adler.Value)
            ThrowHelper.Format("A loose object does not end with its zlib checksum (truncated, corrupt, or followed by other bytes).");
    }

    private static (GitObjectType Type, int Size, int HeaderLength) ReadHeader(Stream zlib, Span<byte> header)
    {
        int length = 0;
        while (true)
        {
            int b = zlib.ReadByte();
            if (b < 0)
                ThrowHelper.Format("A loose object ends inside its header.");
            if (b == 0)
                break;
            if (length == header.Length)
                ThrowHelper.Format("A loose object's header is too long.");
            header[length++] = (byte)b;
        }
        ReadOnlySpan<byte> text = header[..length];
        int space = text.IndexOf((byte)' ');
        if (space < 0)
            ThrowHelper.Format("A loose object's header has no space between type and size.");
        GitObjectType type = ParseType(text[..space]);
        ReadOnlySpan<byte> digits = text[(space + 1)..];
        if (digits.Length == 0 || digits.Length > 10 || (digits.Length > 1 && digits[0] == (byte)'0')
            || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            ThrowHelper.Format($"A loose object's size '{Encoding.ASCII.GetString(digits)}' is not a decimal number.");
        long size = long.Parse(Encoding.ASCII.GetString(digits), System.Globalization.CultureInfo.InvariantCulture);
        if (size > Array.MaxLength)
            ThrowHelper.Format($"A loose object's size {size} is larger than this store reads.");
        return (type, (int)size, length);
    }

    private static GitObjectType ParseType(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("commit"u8) => GitObjectType.Commit,
        _ when name.SequenceEqual("tree"u8) => GitObjectType.Tree,
        _ when name.SequenceEqual("blob"u8) => GitObjectType.Blob,
        _ when name.SequenceEqual("tag"u8) => GitObjectType.Tag,
        _ => ThrowHelper.Format<GitObjectType>($"A loose object's header has type '{Encoding.ASCII.GetString(name)}', not commit, tree, blob or tag."),
    };
}
