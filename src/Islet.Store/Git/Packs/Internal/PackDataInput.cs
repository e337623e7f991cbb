using System.Buffers;
using Islet.Store.Git.Internal;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Reads stored pack bytes back from a seekable stream, from an offset up to an end (the trailer),
/// through a small buffer. Used to inflate entries again when resolving deltas.
/// </summary>
internal sealed class PackDataInput(Stream data, long end) : InflateInput(ArrayPool<byte>.Shared.Rent(16 * 1024)), IDisposable
{
    /// <summary>Returns the buffer to the pool; the input must not be used afterwards.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = [];
        Position = Limit = 0;
    }

    private long _next;

    /// <summary>The offset of the next byte <see cref="InflateInput.ReadByte"/> returns.</summary>
    public long Offset => _next - (Limit - Position);

    /// <summary>Moves to <paramref name="offset"/>, keeping buffered bytes when they cover it.</summary>
    public void Seek(long offset)
    {
        long bufferStart = _next - Limit;
        if (offset >= bufferStart && offset < _next)
        {
            Position = (int)(offset - bufferStart);
            return;
        }
        _next = offset;
        Position = Limit = 0;
    }

    protected override bool Fill()
    {
        if (_next >= end)
            return false;
        data.Position = _next;
        int read = data.Read(Buffer, 0, (int)Math.Min(Buffer.Length, end - _next));
        if (read <= 0)
            return false;
        _next += read;
        Position = 0;
        Limit = read;
        return true;
    }
}
