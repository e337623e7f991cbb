using System.Text;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// A read buffer over a connection's stream, for line-oriented heads (HTTP) followed by a body.
/// Lines are bounded: a line longer than the limit is a <see cref="GitProtocolError.LimitExceeded"/>.
/// </summary>
internal sealed class BufferedInput(Stream stream, int capacity = 16 * 1024)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _start;
    private int _end;

    /// <summary>The underlying stream.</summary>
    public Stream Stream { get; } = stream;

    /// <summary>Reads one line ending in LF (a CR before it is dropped), at most <paramref name="limit"/> bytes; null at the end of the stream before any byte.</summary>
    public async ValueTask<string?> ReadLineAsync(int limit, CancellationToken cancellationToken)
    {
        int scanned = 0;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (newline >= 0)
            {
                int length = newline - _start;
                if (length > limit)
                    throw new GitProtocolException(GitProtocolError.LimitExceeded, $"The remote sent a line longer than {limit} bytes.");
                int textLength = length > 0 && _buffer[newline - 1] == (byte)'\r' ? length - 1 : length;
                string line = Encoding.Latin1.GetString(_buffer, _start, textLength);
                _start = newline + 1;
                return line;
            }
            scanned = _end - _start;
            if (scanned > limit)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, $"The remote sent a line longer than {limit} bytes.");
            if (!await FillAsync(cancellationToken))
            {
                if (_end == _start)
                    return null;
                throw new GitProtocolException(GitProtocolError.UnexpectedEnd, "The remote closed the connection inside a line.");
            }
        }
    }

    /// <summary>Reads up to <paramref name="destination"/>'s length: buffered bytes first, then the stream. 0 at the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.Length == 0)
            return 0;
        if (_end == _start)
            return await Stream.ReadAsync(destination, cancellationToken);
        int count = Math.Min(destination.Length, _end - _start);
        _buffer.AsMemory(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            throw new GitProtocolException(GitProtocolError.LimitExceeded, "The remote sent a line longer than the read buffer.");
        int read = await Stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
