using System.Text;

namespace Islet.Store.Sync;

/// <summary>
/// Reads pkt-lines from a stream (a TCP flow, an HTTP body) with one buffer of
/// <see cref="PktLine.MaxLength"/> bytes. Each <see cref="ReadAsync"/> returns the next line; its
/// payload stays valid until the next call. Malformed framing, or the stream ending inside a line,
/// raises <see cref="GitProtocolException"/>.
/// </summary>
public sealed class PktLineReader
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[PktLine.MaxLength];
    private int _start;
    private int _end;
    private int _payloadStart;
    private int _payloadLength;

    /// <summary>A reader over <paramref name="stream"/>; it may read ahead past the last line it returns, so <see cref="TakeBuffered"/> gives those bytes back when the framing stops (a pack follows).</summary>
    public PktLineReader(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <summary>The last data line's payload.</summary>
    public ReadOnlyMemory<byte> Payload => _buffer.AsMemory(_payloadStart, _payloadLength);

    /// <summary>The last data line's payload as text, without a trailing newline.</summary>
    public string PayloadText => Encoding.UTF8.GetString(PktLine.TrimNewline(Payload.Span));

    /// <summary>Reads the next line.</summary>
    /// <exception cref="GitProtocolException">Malformed framing, or the stream ended inside a line or before any line.</exception>
    public async ValueTask<PktLineKind> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            PktLineStatus status = PktLine.TryRead(_buffer.AsSpan(_start, _end - _start), out PktLineKind kind, out int payloadLength, out int consumed);
            if (status == PktLineStatus.Malformed)
                throw new GitProtocolException(GitProtocolError.MalformedPktLine, "The remote sent a malformed pkt-line length.");
            if (status == PktLineStatus.Done)
            {
                _payloadStart = _start + PktLine.HeaderLength;
                _payloadLength = payloadLength;
                _start += consumed;
                return kind;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new GitProtocolException(GitProtocolError.UnexpectedEnd, _end == 0 ? "The remote closed the connection." : "The remote closed the connection inside a pkt-line.");
            _end += read;
        }
    }

    /// <summary>Bytes read from the stream but not yet returned as lines (for a raw pack that follows the last line); the reader must not be used afterwards.</summary>
    public ReadOnlyMemory<byte> TakeBuffered()
    {
        ReadOnlyMemory<byte> rest = _buffer.AsMemory(_start, _end - _start);
        _start = _end;
        return rest;
    }
}
