using System.Globalization;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// A read-only stream over an HTTP/1.1 response body: exactly Content-Length bytes, the decoded
/// chunks of a chunked body (RFC 9112 §7.1, extensions and trailers skipped), or everything until
/// the connection closes. Disposing it disposes the connection through <paramref name="owner"/>.
/// </summary>
internal sealed class HttpBodyStream(BufferedInput input, long? contentLength, bool chunked, IAsyncDisposable owner) : ReadOnlyAsyncStream
{
    private const int MaxChunkLine = 4096;
    private long _remaining = contentLength ?? 0;
    private bool _chunkedStarted;
    private bool _done;
    private bool _disposed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.Length == 0)
            return 0;
        if (chunked)
        {
            if (_remaining == 0 && !await NextChunkAsync(cancellationToken))
                return 0;
        }
        else if (contentLength is null)
        {
            int all = await input.ReadAsync(buffer, cancellationToken);
            _done = all == 0;
            return all;
        }
        else if (_remaining == 0)
        {
            _done = true;
            return 0;
        }
        int read = await input.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        if (read == 0)
            throw new GitProtocolException(GitProtocolError.UnexpectedEnd, "The HTTP response body ended early.");
        _remaining -= read;
        return read;
    }

    private async ValueTask<bool> NextChunkAsync(CancellationToken cancellationToken)
    {
        if (_chunkedStarted && await input.ReadLineAsync(2, cancellationToken) is not "")
            throw new GitProtocolException(GitProtocolError.Http, "A chunk of the HTTP response was not followed by CRLF.");
        _chunkedStarted = true;
        string line = await input.ReadLineAsync(MaxChunkLine, cancellationToken)
            ?? throw new GitProtocolException(GitProtocolError.UnexpectedEnd, "The chunked HTTP response ended early.");
        int semicolon = line.IndexOf(';');
        string size = (semicolon < 0 ? line : line[..semicolon]).Trim();
        if (size.Length is 0 or > 15 || !long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long length))
            throw new GitProtocolException(GitProtocolError.Http, "The HTTP response has a malformed chunk size.");
        if (length > 0)
        {
            _remaining = length;
            return true;
        }
        for (int trailers = 0; ; trailers++)
        {
            if (trailers > 100)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, "The HTTP response has too many trailer fields.");
            string? trailer = await input.ReadLineAsync(MaxChunkLine, cancellationToken);
            if (string.IsNullOrEmpty(trailer))
                break;
        }
        _done = true;
        return false;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await owner.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            owner.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }
}
