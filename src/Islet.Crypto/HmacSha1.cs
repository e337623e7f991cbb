using Islet.Crypto.Internal;

namespace Islet.Crypto;

/// <summary>
/// HMAC-SHA-1 (RFC 2202 gives test vectors), incremental and allocation-free after
/// construction. A key of any length is accepted: longer than 64 bytes it is hashed first, shorter
/// it is zero-padded (RFC 2104 §2). <see cref="Finish"/> writes the 20-byte MAC and makes the value
/// ready for the next message under the same key; copying the struct forks the computation.
/// A <c>default</c> value has no key and must not be used; keep it in a local or a non-readonly
/// field (it is a mutable struct). Not thread-safe.
/// </summary>
public struct HmacSha1
{
    /// <summary>The MAC length in bytes.</summary>
    public const int HashSize = Sha1.HashSize;

    private HmacCore<Sha1> _core;

    /// <summary>Starts a MAC under <paramref name="key"/>; the key bytes are not retained.</summary>
    public HmacSha1(ReadOnlySpan<byte> key) => _core = new HmacCore<Sha1>(key);

    /// <summary>Discards the message so far and starts a new one under the same key.</summary>
    public void Reset() => _core.Reset();

    /// <summary>Adds <paramref name="data"/> to the message.</summary>
    public void Append(ReadOnlySpan<byte> data) => _core.Append(data);

    /// <summary>Writes the MAC of the message into the first 20 bytes of <paramref name="destination"/>
    /// and starts a new message under the same key.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 20 bytes.</exception>
    public void Finish(Span<byte> destination) => _core.Finish(destination);

    /// <summary>Writes the MAC of <paramref name="data"/> under <paramref name="key"/> into
    /// <paramref name="destination"/> and returns 20.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 20 bytes.</exception>
    public static int HashData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var mac = new HmacSha1(key);
        mac.Append(data);
        mac.Finish(destination);
        return HashSize;
    }
}
