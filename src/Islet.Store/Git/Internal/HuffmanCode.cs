using Islet.Store.Git.Packs;

namespace Islet.Store.Git.Internal;

/// <summary>
/// A canonical Huffman code (RFC 1951, section 3.2.2) given by its code lengths: how many codes
/// have each length, and the symbols in code order. Decoded a bit at a time, comparing the code
/// read so far with the first code of each length.
/// </summary>
internal sealed class HuffmanCode
{
    public const int MaxBits = 15;

    private readonly short[] _counts = new short[MaxBits + 1];
    private readonly short[] _symbols;

    public HuffmanCode(int maxSymbols) => _symbols = new short[maxSymbols];

    /// <summary>How many symbols have a code of each length (index 0: symbols without a code).</summary>
    public ReadOnlySpan<short> Counts => _counts;

    /// <summary>
    /// Builds the code from <paramref name="lengths"/> (0 meaning no code). Returns 0 for a complete
    /// code, a positive number for an incomplete one (codes left unused), and throws for an
    /// over-subscribed one, which no decoder can read.
    /// </summary>
    public int Build(ReadOnlySpan<byte> lengths)
    {
        _counts.AsSpan().Clear();
        foreach (byte length in lengths)
            _counts[length]++;
        if (_counts[0] == lengths.Length)
            return 1 << MaxBits;
        int left = 1;
        for (int bits = 1; bits <= MaxBits; bits++)
        {
            left = (left << 1) - _counts[bits];
            if (left < 0)
                throw new GitPackException(GitPackError.BadCompression, "A Huffman code in the compressed data is over-subscribed.");
        }
        Span<short> offsets = stackalloc short[MaxBits + 2];
        offsets[1] = 0;
        for (int bits = 1; bits < MaxBits; bits++)
            offsets[bits + 1] = (short)(offsets[bits] + _counts[bits]);
        for (int symbol = 0; symbol < lengths.Length; symbol++)
        {
            if (lengths[symbol] != 0)
                _symbols[offsets[lengths[symbol]]++] = (short)symbol;
        }
        return left;
    }

    /// <summary>Reads one symbol from <paramref name="bits"/>.</summary>
    /// <exception cref="GitPackException">The bits read are no code of this table.</exception>
    public int Decode(ref DeflateBitReader bits)
    {
        int code = 0, first = 0, index = 0;
        for (int length = 1; length <= MaxBits; length++)
        {
            code |= bits.ReadBits(1);
            int count = _counts[length];
            if (code - first < count)
                return _symbols[index + code - first];
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        throw new GitPackException(GitPackError.BadCompression, "The compressed data holds a code that its Huffman table does not define.");
    }
}
