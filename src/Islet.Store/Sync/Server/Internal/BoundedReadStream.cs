using Islet.Store.Sync.Internal;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>Reads through to another stream and fails with <see cref="GitProtocolError.LimitExceeded"/> once more than a limit has been read (a gzip bomb, an endless body).</summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : ReadOnlyAsyncStream
{
    private long _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(true);
        _read += read;
        if (_read > limit)
            throw new GitProtocolException(GitProtocolError.LimitExceeded, $"The request is larger than {limit} bytes.");
        return read;
    }
}
