namespace Islet.Crypto;

/// <summary>
/// A Merkle–Damgård hash computed incrementally in a struct (<see cref="Sha256"/>, <see cref="Sha1"/>),
/// so that generic code such as HMAC can be specialised for it without boxing.
/// </summary>
public interface IIncrementalHash
{
    /// <summary>The digest length in bytes.</summary>
    static abstract int DigestLength { get; }

    /// <summary>The block length in bytes (B in RFC 2104).</summary>
    static abstract int BlockLength { get; }

    /// <summary>Discards any input and starts a fresh hash.</summary>
    void Reset();

    /// <summary>Hashes <paramref name="data"/> after everything appended so far.</summary>
    void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes the digest into the first <see cref="DigestLength"/> bytes of
    /// <paramref name="destination"/> and resets the hash.</summary>
    void Finish(Span<byte> destination);
}
