using System.Buffers;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// Collects pkt-lines (text, flush, side-band packets) in a buffer and copies them to a stream on
/// <see cref="FlushAsync"/> (and on the way, once 64 KiB have accumulated).
/// </summary>
internal sealed class PktLineStreamWriter
{
    private const int FlushAt = 64 * 1024;
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public PktLineStreamWriter(Stream output) => _output = output;

    /// <summary>Bytes written to the stream so far.</summary>
    public long BytesWritten { get; private set; }

    public void Text(string line) => PktLine.WriteText(_buffer, line);

    public void Data(ReadOnlySpan<byte> payload) => PktLine.WriteData(_buffer, payload);

    public void Flush() => PktLine.WriteSpecial(_buffer, PktLineKind.Flush);

    /// <summary>Writes <paramref name="data"/> in side-band packets of <paramref name="channel"/> (1 data, 2 progress, 3 error) of at most <paramref name="maxPacket"/> bytes each, or raw when <paramref name="maxPacket"/> is 0.</summary>
    public async ValueTask SideBandAsync(byte channel, ReadOnlyMemory<byte> data, int maxPacket, CancellationToken cancellationToken)
    {
        if (maxPacket == 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(true);
            await _output.WriteAsync(data, cancellationToken).ConfigureAwait(true);
            BytesWritten += data.Length;
            return;
        }
        int chunk = maxPacket - PktLine.HeaderLength - 1;
        while (!data.IsEmpty)
        {
            int take = Math.Min(chunk, data.Length);
            Span<byte> destination = _buffer.GetSpan(PktLine.HeaderLength + 1 + take);
            int length = PktLine.HeaderLength + 1 + take;
            destination[0] = Hex(length >> 12);
            destination[1] = Hex(length >> 8);
            destination[2] = Hex(length >> 4);
            destination[3] = Hex(length);
            destination[4] = channel;
            data.Span[..take].CopyTo(destination[5..]);
            _buffer.Advance(length);
            data = data[take..];
            if (_buffer.WrittenCount >= FlushAt) await FlushAsync(cancellationToken).ConfigureAwait(true);
        }
    }

    /// <summary>Copies what is buffered to the stream.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0) return;
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(true);
        BytesWritten += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
    }

    private static byte Hex(int nibble) => (byte)"0123456789abcdef"[nibble & 0xf];
}
