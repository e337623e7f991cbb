namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// A pushed pack held in memory: filled once from the request body, then read from the start,
/// synchronously or not. The bytes live in fixed 64 KiB chunks, so growing never copies what is
/// already held and no single large array is needed (a MemoryStream would double its buffer, briefly
/// needing three times the pack).
/// </summary>
/// <remarks>Not thread-safe; read-only and forward-only once filled. Bounded only by what
/// <see cref="FillAsync"/> is given: the HTTP server's body limit bounds a request body.</remarks>
internal sealed class SpooledPack : Stream
{
    private const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private long _length;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>Appends all of <paramref name="source"/>; call once, before reading.</summary>
    public async ValueTask FillAsync(Stream source, CancellationToken cancellationToken)
    {
        while (true)
        {
            int offset = (int)(_length % ChunkSize);
            if (offset == 0) _chunks.Add(new byte[ChunkSize]);
            int read = await source.ReadAsync(_chunks[^1].AsMemory(offset), cancellationToken).ConfigureAwait(true);
            if (read == 0)
            {
                if (offset == 0) _chunks.RemoveAt(_chunks.Count - 1);
                return;
            }
            _length += read;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length && _position < _length)
        {
            int inChunk = (int)(_position % ChunkSize);
            int take = (int)Math.Min(Math.Min(buffer.Length - total, ChunkSize - inChunk), _length - _position);
            _chunks[(int)(_position / ChunkSize)].AsSpan(inChunk, take).CopyTo(buffer[total..]);
            total += take;
            _position += take;
        }
        return total;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _chunks.Clear();
        base.Dispose(disposing);
    }
}
