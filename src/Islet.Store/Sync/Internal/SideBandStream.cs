using System.Text;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// Demultiplexes side-band(-64k) pkt-lines (gitprotocol-pack): band 1 is this stream's data,
/// band 2 goes to <paramref name="progress"/>, band 3 is a <see cref="GitProtocolError.RemoteError"/>,
/// and a flush-pkt ends the stream. Any other band is malformed.
/// </summary>
internal sealed class SideBandStream(PktLineReader reader, Action<string>? progress) : ReadOnlyAsyncStream
{
    private ReadOnlyMemory<byte> _pending;
    private bool _done;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (int lines = 0; _pending.IsEmpty; lines++)
        {
            if (_done || buffer.Length == 0)
                return 0;
            if (await reader.ReadAsync(cancellationToken) != PktLineKind.Data)
            {
                _done = true;
                return 0;
            }
            ReadOnlyMemory<byte> payload = reader.Payload;
            switch (payload.Span[0])
            {
                case 1:
                    _pending = payload[1..];
                    break;
                case 2:
                    progress?.Invoke(Encoding.UTF8.GetString(payload.Span[1..]));
                    break;
                case 3:
                    throw new GitProtocolException(GitProtocolError.RemoteError, $"The remote failed: {Encoding.UTF8.GetString(payload.Span[1..]).TrimEnd()}");
                default:
                    throw new GitProtocolException(GitProtocolError.UnexpectedLine, $"The remote sent side-band channel {payload.Span[0]}.");
            }
        }
        int count = Math.Min(buffer.Length, _pending.Length);
        _pending[..count].CopyTo(buffer);
        _pending = _pending[count..];
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
}
