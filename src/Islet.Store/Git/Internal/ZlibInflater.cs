using System.Diagnostics.CodeAnalysis;
using Islet.Store.Git.Packs;

namespace Islet.Store.Git.Internal;

/// <summary>
/// Inflates one zlib stream (RFC 1950 around RFC 1951 Deflate) whose decompressed size is known in
/// advance, as in a Git pack entry. Unlike <c>ZLibStream</c>, it takes from its
/// <see cref="InflateInput"/> exactly the bytes of the stream, header to Adler-32 inclusive, so the
/// caller knows where the next pack entry starts. The output buffer doubles as the 32 KiB window.
/// </summary>
/// <remarks>
/// Refuses (with <see cref="GitPackException"/>, <see cref="GitPackError.BadCompression"/>): a
/// header that is not Deflate or asks for a preset dictionary (RFC 1950, 2.2), a bad FCHECK,
/// reserved block type 3, a stored block whose NLEN is not LEN's complement, over-subscribed or
/// (except a lone one-bit code, as zlib allows) incomplete codes, a length or distance symbol that
/// RFC 1951 reserves, a distance before the start of the output, output longer or shorter than
/// declared, and a wrong Adler-32. A short input gives <see cref="GitPackError.Truncated"/>.
/// </remarks>
internal sealed class ZlibInflater
{
    private static readonly short[] s_lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] s_lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly short[] s_distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] s_distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] s_codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    private readonly HuffmanCode _fixedLiterals = new(288);
    private readonly HuffmanCode _fixedDistances = new(30);
    private readonly HuffmanCode _literals = new(288);
    private readonly HuffmanCode _distances = new(30);
    private readonly HuffmanCode _codeLengths = new(19);
    private readonly byte[] _lengths = new byte[288 + 32];
    private byte[] _output = [];
    private int _size;

    /// <summary>An inflater; reusable, one stream at a time, not thread-safe.</summary>
    public ZlibInflater()
    {
        Span<byte> lengths = stackalloc byte[288];
        lengths[..144].Fill(8);
        lengths[144..256].Fill(9);
        lengths[256..280].Fill(7);
        lengths[280..].Fill(8);
        _fixedLiterals.Build(lengths);
        lengths[..30].Fill(5);
        _fixedDistances.Build(lengths[..30]);
    }

    /// <summary>
    /// Inflates the zlib stream at <paramref name="input"/>'s position into <paramref name="output"/>,
    /// which it must fill exactly, and checks the Adler-32. On return the input is just past the stream.
    /// </summary>
    /// <exception cref="GitPackException">Malformed or truncated data, or a size other than <paramref name="output"/>'s.</exception>
    public void Inflate(InflateInput input, byte[] output)
    {
        byte[] buffer = output;
        Inflate(input, output.Length, ref buffer);
    }

    /// <summary>
    /// Inflates the zlib stream at <paramref name="input"/>'s position, which must produce exactly
    /// <paramref name="size"/> bytes, into <paramref name="buffer"/>, replacing it with a larger array
    /// (at most <paramref name="size"/> long) only as output arrives, so a header that lies about the
    /// size costs no memory the data does not back. The result is <c>buffer[..size]</c>.
    /// </summary>
    /// <exception cref="GitPackException">Malformed or truncated data, or a size other than <paramref name="size"/>.</exception>
    public void Inflate(InflateInput input, int size, ref byte[] buffer)
    {
        _size = size;
        _output = buffer;
        try
        {
            Run(input);
        }
        finally
        {
            buffer = _output;
            _output = [];
        }
    }

    private void Run(InflateInput input)
    {
        int cmf = input.ReadByte(), flags = input.ReadByte();
        if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7 || (cmf << 8 | flags) % 31 != 0 || (flags & 0x20) != 0)
            Fail("The entry's zlib header is invalid (not Deflate, bad check bits, or a preset dictionary).");
        var bits = new DeflateBitReader(input);
        int written = 0;
        bool last;
        do
        {
            last = bits.ReadBits(1) == 1;
            switch (bits.ReadBits(2))
            {
                case 0:
                    written = Stored(ref bits, written);
                    break;
                case 1:
                    written = Codes(ref bits, _fixedLiterals, _fixedDistances, written);
                    break;
                case 2:
                    ReadDynamicCodes(ref bits);
                    written = Codes(ref bits, _literals, _distances, written);
                    break;
                default:
                    Fail("The compressed data uses the reserved block type 3.");
                    break;
            }
        }
        while (!last);
        bits.AlignToByte();
        if (written != _size)
            Fail($"The entry inflates to {written} bytes, not the {_size} its header declares.");
        uint expected = (uint)input.ReadByte() << 24 | (uint)input.ReadByte() << 16 | (uint)input.ReadByte() << 8 | input.ReadByte();
        var adler = new Adler32();
        adler.Append(_output.AsSpan(0, _size));
        if (adler.Value != expected)
            Fail("The entry's Adler-32 does not match its inflated contents.");
    }

    private int Stored(ref DeflateBitReader bits, int written)
    {
        bits.AlignToByte();
        InflateInput input = bits.Input;
        int length = input.ReadByte() | input.ReadByte() << 8;
        int complement = input.ReadByte() | input.ReadByte() << 8;
        if ((length ^ 0xffff) != complement)
            Fail("A stored block's length does not match its complement.");
        Reserve(written, length);
        input.ReadExactly(_output.AsSpan(written, length));
        return written + length;
    }

    private int Codes(ref DeflateBitReader bits, HuffmanCode literals, HuffmanCode distances, int written)
    {
        byte[] output = _output;
        int room = Math.Min(output.Length, _size);
        while (true)
        {
            int symbol = literals.Decode(ref bits);
            if (symbol < 256)
            {
                if (written == room)
                {
                    output = Reserve(written, 1);
                    room = Math.Min(output.Length, _size);
                }
                output[written++] = (byte)symbol;
                continue;
            }
            if (symbol == 256)
                return written;
            symbol -= 257;
            if (symbol >= 29)
                Fail("The compressed data uses a reserved length symbol.");
            int length = s_lengthBase[symbol] + bits.ReadBits(s_lengthExtra[symbol]);
            int code = distances.Decode(ref bits);
            if (code >= 30)
                Fail("The compressed data uses a reserved distance symbol.");
            int distance = s_distanceBase[code] + bits.ReadBits(s_distanceExtra[code]);
            if (distance > written)
                Fail("A back-reference in the compressed data points before the start of the data.");
            if (length > room - written)
            {
                output = Reserve(written, length);
                room = Math.Min(output.Length, _size);
            }
            // Byte by byte: a copy may overlap the bytes it produces (distance < length).
            for (int i = 0; i < length; i++, written++)
                output[written] = output[written - distance];
        }
    }

    /// <summary>Makes room for <paramref name="count"/> more bytes after <paramref name="written"/>, growing the output up to the declared size.</summary>
    private byte[] Reserve(int written, int count)
    {
        if (count > _size - written)
            Fail($"The entry inflates to more than the {_size} bytes its header declares.");
        if (written + count > _output.Length)
        {
            int length = (int)Math.Min(_size, Math.Max(written + (long)count, Math.Max(4096, _output.Length * 2L)));
            byte[] grown = new byte[length];
            _output.AsSpan(0, written).CopyTo(grown);
            _output = grown;
        }
        return _output;
    }

    private void ReadDynamicCodes(ref DeflateBitReader bits)
    {
        int literalCount = bits.ReadBits(5) + 257;
        int distanceCount = bits.ReadBits(5) + 1;
        int codeLengthCount = bits.ReadBits(4) + 4;
        if (literalCount > 286 || distanceCount > 30)
            Fail("A dynamic block declares more codes than Deflate has.");
        Span<byte> lengths = _lengths;
        lengths[..19].Clear();
        for (int i = 0; i < codeLengthCount; i++)
            lengths[s_codeLengthOrder[i]] = (byte)bits.ReadBits(3);
        if (_codeLengths.Build(lengths[..19]) != 0)
            Fail("A dynamic block's code-length code is incomplete.");

        int total = literalCount + distanceCount;
        for (int i = 0; i < total;)
        {
            int symbol = _codeLengths.Decode(ref bits);
            if (symbol < 16)
            {
                lengths[i++] = (byte)symbol;
                continue;
            }
            byte value = 0;
            int repeat;
            if (symbol == 16)
            {
                if (i == 0)
                    Fail("A dynamic block repeats a code length before giving one.");
                value = lengths[i - 1];
                repeat = 3 + bits.ReadBits(2);
            }
            else
            {
                repeat = symbol == 17 ? 3 + bits.ReadBits(3) : 11 + bits.ReadBits(7);
            }
            if (i + repeat > total)
                Fail("A dynamic block's code lengths run past the codes it declares.");
            lengths.Slice(i, repeat).Fill(value);
            i += repeat;
        }
        if (lengths[256] == 0)
            Fail("A dynamic block has no end-of-block code.");
        int left = _literals.Build(lengths[..literalCount]);
        if (left != 0 && literalCount != _literals.Counts[0] + _literals.Counts[1])
            Fail("A dynamic block's literal/length code is incomplete.");
        left = _distances.Build(lengths.Slice(literalCount, distanceCount));
        if (left != 0 && distanceCount != _distances.Counts[0] + _distances.Counts[1])
            Fail("A dynamic block's distance code is incomplete.");
    }

    [DoesNotReturn]
    private static void Fail(string message) => throw new GitPackException(GitPackError.BadCompression, message);
}
