namespace Islet.Store.Sync.Internal;

/// <summary>
/// The shape every read-only, forward-only stream of the sync layer shares (HTTP bodies, side-band
/// demultiplexing, limits, prefixes): subclasses implement <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>;
/// seeking, writing and length are not supported, and a synchronous <see cref="Read(byte[], int, int)"/>
/// is refused unless a subclass can serve one.
/// </summary>
internal abstract class ReadOnlyAsyncStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
