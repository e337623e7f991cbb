namespace Islet.Net.Tcp.Internal;

/// <summary>
/// A fixed-capacity byte ring. <see cref="Count"/> bytes are queued from the head; the free
/// space after them can be written out of order with <see cref="WriteAt"/> and made part of the
/// queue with <see cref="Commit"/> (how the receive side stores out-of-order segments).
/// </summary>
internal sealed class TcpRingBuffer
{
    private readonly byte[] _buffer;
    private int _head;

    public TcpRingBuffer(int capacity) => _buffer = new byte[capacity];

    public int Capacity => _buffer.Length;
    public int Count { get; private set; }
    public int Free => _buffer.Length - Count;

    /// <summary>Appends as much of <paramref name="data"/> as fits; returns the bytes taken.</summary>
    public int Write(ReadOnlySpan<byte> data)
    {
        int n = Math.Min(data.Length, Free);
        WriteAt(0, data[..n]);
        Count += n;
        return n;
    }

    /// <summary>Writes into free space <paramref name="offset"/> bytes past the queued data.</summary>
    public void WriteAt(int offset, ReadOnlySpan<byte> data)
    {
        int start = (_head + Count + offset) % _buffer.Length;
        int first = Math.Min(data.Length, _buffer.Length - start);
        data[..first].CopyTo(_buffer.AsSpan(start));
        data[first..].CopyTo(_buffer);
    }

    /// <summary>Makes <paramref name="count"/> bytes written by <see cref="WriteAt"/> part of the queue.</summary>
    public void Commit(int count) => Count += count;

    /// <summary>Copies queued bytes starting <paramref name="offset"/> after the head, without removing them.</summary>
    public void CopyTo(int offset, Span<byte> destination)
    {
        int start = (_head + offset) % _buffer.Length;
        int first = Math.Min(destination.Length, _buffer.Length - start);
        _buffer.AsSpan(start, first).CopyTo(destination);
        _buffer.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    /// <summary>Removes <paramref name="count"/> bytes from the head.</summary>
    public void Discard(int count)
    {
        _head = (_head + count) % _buffer.Length;
        Count -= count; // the head is not reset when empty: out-of-order bytes may sit past the tail
    }

    /// <summary>Moves up to <c>destination.Length</c> bytes out of the head.</summary>
    public int Read(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, Count);
        CopyTo(0, destination[..n]);
        Discard(n);
        return n;
    }
}
