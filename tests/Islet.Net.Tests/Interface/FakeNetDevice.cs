using Islet.Devices;

namespace Islet.Net.Tests.Interface;

/// <summary>A device whose received frames the test injects and whose sent frames it inspects.</summary>
internal sealed class FakeNetDevice(MacAddress mac, int mtu = 1500) : INetDevice
{
    private readonly Queue<byte[]> _inbound = new();

    public int Mtu => mtu;
    public MacAddress Mac => mac;
    public NetDeviceCounters Counters { get; } = new();
    public List<byte[]> Sent { get; } = [];
    public bool KeepSent { get; set; } = true;

    public void Inject(ReadOnlySpan<byte> frame) => _inbound.Enqueue(frame.ToArray());

    public bool TryReceive(Span<byte> frame, out int length)
    {
        length = 0;
        if (!_inbound.TryDequeue(out var next)) return false;
        if (next.Length > frame.Length) { Counters.RxDropped++; return false; }
        next.CopyTo(frame);
        length = next.Length;
        return true;
    }

    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > Mtu + 14) throw new ArgumentException("Frame too long.", nameof(frame));
        Counters.TxFrames++;
        if (KeepSent) Sent.Add(frame.ToArray());
        return true;
    }

    public ValueTask WaitReadableAsync(CancellationToken cancellationToken = default) => default;
    public ValueTask WaitWritableAsync(CancellationToken cancellationToken = default) => default;
    public void Dispose() { }
}
