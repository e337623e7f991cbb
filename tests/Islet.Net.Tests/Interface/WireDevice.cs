using Islet.Devices;

namespace Islet.Net.Tests.Interface;

/// <summary>One end of an allocation-free in-process wire: frames are copied into the peer's preallocated ring.</summary>
internal sealed class WireDevice(MacAddress mac) : INetDevice
{
    private readonly byte[][] _ring = Enumerable.Range(0, 64).Select(_ => new byte[1514]).ToArray();
    private readonly int[] _lengths = new int[64];
    private int _head, _count;

    public WireDevice? Peer { get; set; }
    public int Mtu => 1500;
    public MacAddress Mac => mac;
    public NetDeviceCounters Counters { get; } = new();

    public bool TryReceive(Span<byte> frame, out int length)
    {
        length = 0;
        if (_count == 0) return false;
        length = _lengths[_head];
        _ring[_head].AsSpan(0, length).CopyTo(frame);
        _head = (_head + 1) % _ring.Length;
        _count--;
        return true;
    }

    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        var peer = Peer!;
        if (peer._count == peer._ring.Length) return false;
        int tail = (peer._head + peer._count) % peer._ring.Length;
        frame.CopyTo(peer._ring[tail]);
        peer._lengths[tail] = frame.Length;
        peer._count++;
        return true;
    }

    public ValueTask WaitReadableAsync(CancellationToken cancellationToken = default) => default;
    public ValueTask WaitWritableAsync(CancellationToken cancellationToken = default) => default;
    public void Dispose() { }
}
