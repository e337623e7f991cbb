namespace Islet.Crypto.Internal;

/// <summary>HMAC (RFC 2104) over any <see cref="IIncrementalHash"/>: the hash states after the
/// inner and outer padded keys are kept, so <see cref="Reset"/> costs two struct copies.</summary>
internal struct HmacCore<THash> where THash : struct, IIncrementalHash
{
    private THash _innerStart;
    private THash _outerStart;
    private THash _inner;

    public HmacCore(ReadOnlySpan<byte> key)
    {
        int block = THash.BlockLength;
        Span<byte> pad = stackalloc byte[128];
        pad = pad[..block];
        pad.Clear();
        _innerStart = new THash();
        _outerStart = new THash();
        _innerStart.Reset();
        _outerStart.Reset();
        if (key.Length > block)
        {
            var keyHash = new THash();
            keyHash.Reset();
            keyHash.Append(key);
            keyHash.Finish(pad);
        }
        else
        {
            key.CopyTo(pad);
        }
        for (int i = 0; i < block; i++)
            pad[i] ^= 0x36;
        _innerStart.Append(pad);
        for (int i = 0; i < block; i++)
            pad[i] ^= 0x36 ^ 0x5c;
        _outerStart.Append(pad);
        pad.Clear();
        _inner = _innerStart;
    }

    public void Reset() => _inner = _innerStart;

    public void Append(ReadOnlySpan<byte> data) => _inner.Append(data);

    public void Finish(Span<byte> destination)
    {
        int length = THash.DigestLength;
        if (destination.Length < length)
            throw new ArgumentException($"The destination is shorter than {length} bytes.", nameof(destination));
        Span<byte> innerDigest = stackalloc byte[64];
        innerDigest = innerDigest[..length];
        _inner.Finish(innerDigest);
        THash outer = _outerStart;
        outer.Append(innerDigest);
        outer.Finish(destination);
        _inner = _innerStart;
    }
}
