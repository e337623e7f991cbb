using System.Buffers.Binary;
using System.Numerics;
using Islet.Crypto.Internal;

namespace Islet.Crypto;

/// <summary>
/// SHA-1 (FIPS 180-4 §6.1), incremental and allocation-free, with the same shape as
/// <see cref="Sha256"/>. SHA-1 is broken for collision resistance; it is here for protocols that
/// still name it (hmac-sha1 TSIG, RFC 8945 §6), where HMAC's security does not rest on collisions.
/// Not thread-safe.
/// </summary>
public struct Sha1 : IIncrementalHash
{
    /// <summary>The digest length in bytes.</summary>
    public const int HashSize = 20;

    /// <summary>The block length in bytes.</summary>
    public const int BlockSize = 64;

    /// <inheritdoc/>
    public static int DigestLength => HashSize;

    /// <inheritdoc/>
    public static int BlockLength => BlockSize;

    private UInt32x5 _state;
    private Block64 _block;
    private int _buffered;
    private ulong _length;
    private bool _started;

    /// <summary>Starts a fresh hash (the same as <c>default</c>).</summary>
    public Sha1() => Reset();

    /// <summary>Discards any input and starts a fresh hash.</summary>
    public void Reset()
    {
        _state[0] = 0x67452301; _state[1] = 0xEFCDAB89; _state[2] = 0x98BADCFE; _state[3] = 0x10325476; _state[4] = 0xC3D2E1F0;
        _buffered = 0;
        _length = 0;
        _started = true;
    }

    /// <summary>Hashes <paramref name="data"/> after everything appended so far.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (!_started)
            Reset();
        _length += (ulong)data.Length;
        if (_buffered > 0)
        {
            int take = Math.Min(BlockSize - _buffered, data.Length);
            data[..take].CopyTo(((Span<byte>)_block)[_buffered..]);
            _buffered += take;
            data = data[take..];
            if (_buffered < BlockSize)
                return;
            Compress(ref _state, _block);
            _buffered = 0;
        }
        while (data.Length >= BlockSize)
        {
            Compress(ref _state, data[..BlockSize]);
            data = data[BlockSize..];
        }
        data.CopyTo(_block);
        _buffered = data.Length;
    }

    /// <summary>Writes the digest of everything appended into the first 20 bytes of
    /// <paramref name="destination"/>, then resets this value to a fresh hash.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 20 bytes.</exception>
    public void Finish(Span<byte> destination)
    {
        if (destination.Length < HashSize)
            throw new ArgumentException("The destination is shorter than 20 bytes.", nameof(destination));
        if (!_started)
            Reset();
        ulong bits = _length * 8;
        Span<byte> block = _block;
        block[_buffered++] = 0x80;
        if (_buffered > BlockSize - 8)
        {
            block[_buffered..].Clear();
            Compress(ref _state, block);
            _buffered = 0;
        }
        block[_buffered..(BlockSize - 8)].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], bits);
        Compress(ref _state, block);
        for (int i = 0; i < 5; i++)
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], _state[i]);
        Reset();
    }

    /// <summary>Writes the SHA-1 of <paramref name="data"/> into the first 20 bytes of
    /// <paramref name="destination"/> and returns 20.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 20 bytes.</exception>
    public static int HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = new Sha1();
        hash.Append(data);
        hash.Finish(destination);
        return HashSize;
    }

    private static void Compress(ref UInt32x5 state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[80];
        for (int t = 0; t < 16; t++)
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        for (int t = 16; t < 80; t++)
            w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        for (int t = 0; t < 80; t++)
        {
            uint f, k;
            if (t < 20)
            {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            }
            else if (t < 40)
            {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            }
            else if (t < 60)
            {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            }
            else
            {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            uint temp = BitOperations.RotateLeft(a, 5) + f + e + k + w[t];
            e = d; d = c; c = BitOperations.RotateLeft(b, 30); b = a; a = temp;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d; state[4] += e;
    }
}
