using System.Buffers;
using Islet.Store.Git.Internal;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// An incoming pack as the ingester reads it: bytes come from the source stream, and as they are
/// consumed they are copied to the import's storage, added to the pack hash and to the current
/// entry's CRC-32. Reads never ask the source for more than <see cref="MinimumRemaining"/> (a lower
/// bound, set by the ingester, on the bytes a well-formed pack still has), so nothing after the
/// trailer is taken from the source.
/// </summary>
internal sealed class PackStreamInput : InflateInput, IDisposable
{
    private readonly Stream _source;
    private readonly Stream _data;
    private readonly long _maxBytes;
    private readonly CancellationToken _cancellationToken;
    private int _flushed;
    private long _bufferStart;
    private uint _crc;

    public PackStreamInput(Stream source, Stream data, GitHashAlgorithm algorithm, long maxBytes, CancellationToken cancellationToken)
        : base(ArrayPool<byte>.Shared.Rent(64 * 1024))
    {
        _source = source;
        _data = data;
        _maxBytes = maxBytes;
        _cancellationToken = cancellationToken;
        Hasher = new PackHasher(algorithm);
    }

    /// <summary>Returns the buffer to the pool; the input must not be used afterwards.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = [];
        Position = Limit = _flushed = 0;
    }

    /// <summary>The hash of every byte consumed and flushed so far.</summary>
    public PackHasher Hasher { get; }

    /// <summary>The pack offset of the next byte to be consumed.</summary>
    public long Offset => _bufferStart + Position;

    /// <summary>A lower bound on the unread bytes a well-formed pack still has (buffered ones included); at least 1.</summary>
    public long MinimumRemaining { get; set; } = 1;

    /// <summary>Flushes the consumed bytes and starts a new CRC-32 at <see cref="Offset"/>.</summary>
    public void BeginEntry()
    {
        Flush();
        _crc = 0;
    }

    /// <summary>Flushes the consumed bytes and returns the CRC-32 of those since <see cref="BeginEntry"/>.</summary>
    public uint EndEntry()
    {
        Flush();
        return _crc;
    }

    /// <summary>
    /// Takes the <paramref name="count"/>-byte trailer from the buffer (after <see cref="PrefetchAsync"/>
    /// with <see cref="MinimumRemaining"/> = <paramref name="count"/>) and stores it without hashing it.
    /// </summary>
    /// <exception cref="GitPackException"><see cref="GitPackError.Truncated"/>: the source ended first.</exception>
    public byte[] TakeTrailer(int count)
    {
        Flush();
        if (Limit - Position < count)
            throw new GitPackException(GitPackError.Truncated, "The pack ends before its trailing checksum.");
        byte[] trailer = Buffer.AsSpan(Position, count).ToArray();
        _data.Write(trailer);
        Position += count;
        _flushed = Position;
        return trailer;
    }

    /// <summary>Reads from the source until <see cref="MinimumRemaining"/> bytes are buffered (or the buffer is full, or the source ends).</summary>
    public async ValueTask PrefetchAsync()
    {
        Compact();
        long want = Math.Min(MinimumRemaining, Buffer.Length - Position);
        while (Limit - Position < want)
        {
            int read = await _source.ReadAsync(Buffer.AsMemory(Limit, (int)(want - (Limit - Position))), _cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return;
            Accept(read);
        }
    }

    protected override bool Fill()
    {
        Compact();
        int want = (int)Math.Clamp(MinimumRemaining, 1, Buffer.Length - Limit);
        int read = _source.Read(Buffer, Limit, want);
        if (read == 0)
            return false;
        Accept(read);
        return true;
    }

    private void Accept(int read)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        Limit += read;
        if (_bufferStart + Limit > _maxBytes)
            throw new GitPackException(GitPackError.LimitExceeded, $"The pack is larger than the limit of {_maxBytes} bytes.");
    }

    /// <summary>Copies consumed bytes to storage, the hash and the CRC, then moves unread bytes to the buffer's start.</summary>
    private void Compact()
    {
        Flush();
        if (Position == 0)
            return;
        Buffer.AsSpan(Position, Limit - Position).CopyTo(Buffer);
        _bufferStart += Position;
        Limit -= Position;
        Position = 0;
        _flushed = 0;
    }

    private void Flush()
    {
        ReadOnlySpan<byte> consumed = Buffer.AsSpan(_flushed, Position - _flushed);
        _data.Write(consumed);
        Hasher.Append(consumed);
        _crc = PackCrc32.Update(_crc, consumed);
        _flushed = Position;
    }
}
