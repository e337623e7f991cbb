using System.Buffers.Binary;
using System.Numerics;
using Islet.Crypto.Internal;

namespace Islet.Crypto;

/// <summary>
/// SHA-256 (FIPS 180-4 §6.2), incremental and allocation-free. A value starts a fresh hash;
/// <see cref="Append"/> any number of times, then <see cref="Finish"/> writes the 32-byte digest
/// and resets the value for reuse. The struct holds all its state inline: copying it forks the
/// computation (used by <see cref="HmacSha256"/> to keep its keyed prefixes). Being a mutable struct,
/// it must live in a local or a non-readonly field (a readonly field would hash a copy). Not thread-safe.
/// </summary>
public struct Sha256 : IIncrementalHash
{
    /// <summary>The digest length in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>The block length in bytes (the HMAC B of RFC 2104).</summary>
    public const int BlockSize = 64;

    /// <inheritdoc/>
    public static int DigestLength => HashSize;

    /// <inheritdoc/>
    public static int BlockLength => BlockSize;

    private static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private UInt32x8 _state;
    private Block64 _block;
    private int _buffered;
    private ulong _length;
    private bool _started;

    /// <summary>Starts a fresh hash (the same as <c>default</c>).</summary>
    public Sha256() => Reset();

    /// <summary>Discards any input and starts a fresh hash.</summary>
    public void Reset()
    {
        _state[0] = 0x6a09e667; _state[1] = 0xbb67ae85; _state[2] = 0x3c6ef372; _state[3] = 0xa54ff53a;
        _state[4] = 0x510e527f; _state[5] = 0x9b05688c; _state[6] = 0x1f83d9ab; _state[7] = 0x5be0cd19;
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

    /// <summary>Writes the digest of everything appended into the first 32 bytes of
    /// <paramref name="destination"/>, then resets this value to a fresh hash.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public void Finish(Span<byte> destination)
    {
        if (destination.Length < HashSize)
            throw new ArgumentException("The destination is shorter than 32 bytes.", nameof(destination));
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
        for (int i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], _state[i]);
        Reset();
    }

    /// <summary>Writes the SHA-256 of <paramref name="data"/> into the first 32 bytes of
    /// <paramref name="destination"/> and returns 32.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public static int HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = new Sha256();
        hash.Append(data);
        hash.Finish(destination);
        return HashSize;
    }

    private static void Compress(ref UInt32x8 state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (int t = 0; t < 16; t++)
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        for (int t = 16; t < 64; t++)
        {
            uint s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3];
        uint e = state[4], f = state[5], g = state[6], h = state[7];
        ReadOnlySpan<uint> k = K;
        for (int t = 0; t < 64; t++)
        {
            uint sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            uint choose = (e & f) ^ (~e & g);
            uint t1 = h + sum1 + choose + k[t] + w[t];
            uint sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            uint majority = (a & b) ^ (a & c) ^ (b & c);
            uint t2 = sum0 + majority;
            h = g; g = f; f = e; e = d + t1;
            d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}
