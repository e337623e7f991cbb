namespace Islet.Store.Git.Internal;

/// <summary>
/// Reads Deflate's bit stream (RFC 1951, section 3.1.1: bits from the least significant end of
/// each byte). Takes a byte from the input only when a bit of it is needed, so when a stream ends,
/// the input has given up exactly the bytes the stream occupies.
/// </summary>
internal struct DeflateBitReader(InflateInput input)
{
    private uint _bits;
    private int _count;

    /// <summary>The input the bits come from.</summary>
    public readonly InflateInput Input => input;

    /// <summary>Reads <paramref name="count"/> bits (0 to 16), first bit lowest.</summary>
    public int ReadBits(int count)
    {
        while (_count < count)
        {
            _bits |= (uint)input.ReadByte() << _count;
            _count += 8;
        }
        int value = (int)(_bits & ((1u << count) - 1));
        _bits >>= count;
        _count -= count;
        return value;
    }

    /// <summary>Drops the rest of the current byte (before a stored block, and at the end of the stream).</summary>
    public void AlignToByte()
    {
        _bits = 0;
        _count = 0;
    }
}
