using Islet.Net.Ip;

namespace Islet.Net.Internal;

/// <summary>A fixed ring of datagram slots (payload and endpoint), allocated once.</summary>
internal sealed class DatagramRing
{
    private readonly byte[][] _slots;
    private readonly int[] _lengths;
    private readonly Ipv4Endpoint[] _endpoints;
    private int _head, _count;

    public DatagramRing(int depth, int slotSize)
    {
        _slots = new byte[depth][];
        for (int i = 0; i < depth; i++) _slots[i] = new byte[slotSize];
        _lengths = new int[depth];
        _endpoints = new Ipv4Endpoint[depth];
    }

    public int Count => _count;
    public bool IsFull => _count == _slots.Length;
    public int SlotSize => _slots[0].Length;

    /// <summary>Copies a datagram in; false when full or too long.</summary>
    public bool TryPush(Ipv4Endpoint endpoint, ReadOnlySpan<byte> data)
    {
        if (IsFull || data.Length > SlotSize) return false;
        int tail = (_head + _count) % _slots.Length;
        data.CopyTo(_slots[tail]);
        _lengths[tail] = data.Length;
        _endpoints[tail] = endpoint;
        _count++;
        return true;
    }

    /// <summary>The oldest datagram, without removing it.</summary>
    public bool TryPeek(out Ipv4Endpoint endpoint, out ReadOnlySpan<byte> data)
    {
        if (_count == 0) { endpoint = default; data = default; return false; }
        endpoint = _endpoints[_head];
        data = _slots[_head].AsSpan(0, _lengths[_head]);
        return true;
    }

    public void Pop()
    {
        if (_count == 0) return;
        _head = (_head + 1) % _slots.Length;
        _count--;
    }

    public void Clear() { _head = 0; _count = 0; }
}
