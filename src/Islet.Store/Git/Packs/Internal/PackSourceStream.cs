namespace Islet.Store.Git.Packs.Internal;

/// <summary>A read-only stream over the bytes of a <see cref="PackSource"/> from one offset to an end (for <c>ZLibStream</c>).</summary>
internal sealed class PackSourceStream(PackSource source, long start, long end) : Stream
{
    private long _position = start;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= end)
            return 0;
        int read = source.ReadAt(_position, buffer[..(int)Math.Min(buffer.Length, end - _position)]);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
