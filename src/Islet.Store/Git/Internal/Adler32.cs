namespace Islet.Store.Git.Internal;

/// <summary>The Adler-32 checksum that ends a zlib stream (RFC 1950, section 8), stored big-endian.</summary>
internal struct Adler32
{
    private const uint Modulus = 65521;

    /// <summary>Sums can grow for this many bytes before they must be reduced (zlib's NMAX).</summary>
    private const int BlockLength = 5552;

    private uint _a;
    private uint _b;

    public Adler32()
    {
        _a = 1;
        _b = 0;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            int length = Math.Min(data.Length, BlockLength);
            foreach (byte value in data[..length])
            {
                _a += value;
                _b += _a;
            }
            _a %= Modulus;
            _b %= Modulus;
            data = data[length..];
        }
    }

    public readonly uint Value => _b << 16 | _a;
}
