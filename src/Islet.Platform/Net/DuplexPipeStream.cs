using System.Buffers;
using System.IO.Pipelines;

namespace Islet.Net;

/// <summary>
/// A <see cref="Stream"/> over an <see cref="IDuplexPipe"/>: reads drain the input pipe, writes
/// flush to the output pipe. Only the asynchronous members are meant for the event loop; the
/// synchronous ones exist for completeness and block the caller.
/// </summary>
public sealed class DuplexPipeStream : Stream
{
    private readonly IDuplexPipe _pipe;
    private readonly IAsyncDisposable? _owner;
    private bool _disposed;

    /// <summary>Wraps <paramref name="pipe"/>; disposing the stream disposes <paramref name="owner"/> when given.</summary>
    public DuplexPipeStream(IDuplexPipe pipe, IAsyncDisposable? owner = null)
    {
        _pipe = pipe;
        _owner = owner;
    }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;
    /// <inheritdoc />
    public override bool CanWrite => !_disposed;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            var result = await _pipe.Input.ReadAsync(cancellationToken).ConfigureAwait(true);
            var data = result.Buffer;
            if (!data.IsEmpty)
            {
                int n = (int)Math.Min(data.Length, buffer.Length);
                data.Slice(0, n).CopyTo(buffer.Span);
                _pipe.Input.AdvanceTo(data.GetPosition(n));
                return n;
            }
            _pipe.Input.AdvanceTo(data.End);
            if (result.IsCompleted || result.IsCanceled) return 0;
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _pipe.Output.WriteAsync(buffer, cancellationToken).ConfigureAwait(true);
        if (result.IsCompleted) throw new NetException(NetError.Closed);
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => _pipe.Output.FlushAsync(cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_owner is not null) await _owner.DisposeAsync().ConfigureAwait(true);
        else
        {
            await _pipe.Output.CompleteAsync().ConfigureAwait(true);
            await _pipe.Input.CompleteAsync().ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed) DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }
}
