using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
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

    // Rounds are unrolled five at a time so the five working variables rotate by renaming, not by
    // moves, and the message schedule lives in a 16-word ring (FIPS 180-4 §6.1.3's alternative method).
    private static void Compress(ref UInt32x5 state, ReadOnlySpan<byte> block)
    {
        UInt32x16 ring = default;
        Span<uint> w = ring;
        for (int t = 0; t < 16; t++)
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        int i = 0;
        for (; i < 20; i += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + Choose(b, c, d) + 0x5A827999 + Schedule(w, i); b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + Choose(a, b, c) + 0x5A827999 + Schedule(w, i + 1); a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + Choose(e, a, b) + 0x5A827999 + Schedule(w, i + 2); e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + Choose(d, e, a) + 0x5A827999 + Schedule(w, i + 3); d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + Choose(c, d, e) + 0x5A827999 + Schedule(w, i + 4); c = BitOperations.RotateLeft(c, 30);
        }
        for (; i < 40; i += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0x6ED9EBA1 + Schedule(w, i); b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0x6ED9EBA1 + Schedule(w, i + 1); a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0x6ED9EBA1 + Schedule(w, i + 2); e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0x6ED9EBA1 + Schedule(w, i + 3); d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0x6ED9EBA1 + Schedule(w, i + 4); c = BitOperations.RotateLeft(c, 30);
        }
        for (; i < 60; i += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + Majority(b, c, d) + 0x8F1BBCDC + Schedule(w, i); b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + Majority(a, b, c) + 0x8F1BBCDC + Schedule(w, i + 1); a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + Majority(e, a, b) + 0x8F1BBCDC + Schedule(w, i + 2); e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + Majority(d, e, a) + 0x8F1BBCDC + Schedule(w, i + 3); d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + Majority(c, d, e) + 0x8F1BBCDC + Schedule(w, i + 4); c = BitOperations.RotateLeft(c, 30);
        }
        for (; i < 80; i += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0xCA62C1D6 + Schedule(w, i); b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0xCA62C1D6 + Schedule(w, i + 1); a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0xCA62C1D6 + Schedule(w, i + 2); e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0xCA62C1D6 + Schedule(w, i + 3); d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0xCA62C1D6 + Schedule(w, i + 4); c = BitOperations.RotateLeft(c, 30);
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d; state[4] += e;
    }

    /// <summary>W[t]: the block's word for t &lt; 16, else computed in place in the ring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Schedule(Span<uint> ring, int t)
    {
        if (t < 16)
            return ring[t];
        uint value = BitOperations.RotateLeft(ring[(t - 3) & 15] ^ ring[(t - 8) & 15] ^ ring[(t - 14) & 15] ^ ring[t & 15], 1);
        ring[t & 15] = value;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Choose(uint x, uint y, uint z) => z ^ (x & (y ^ z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Majority(uint x, uint y, uint z) => (x & y) | (z & (x | y));
}
