using Islet.Devices;
using Islet.Events;

namespace Islet.Links;

/// <summary>One end of a <see cref="MemoryLink"/>: an <see cref="INetDevice"/> for tests and simulations.</summary>
public sealed class MemoryNetDevice : INetDevice
{
    internal const int EthernetHeaderLength = 14;

    private readonly MemoryLinkOptions _options;
    private readonly Queue<(byte[] Buffer, int Length)> _received = new();
    private readonly Stack<byte[]> _pool = new();
    private readonly AsyncSignal _readable = new();
    private readonly AsyncSignal _writable = new();
    private MemoryLinkDirection? _out;
    private bool _disposed;

    internal MemoryNetDevice(MemoryLinkOptions options, MacAddress mac)
    {
        _options = options;
        Mac = mac;
    }

    /// <inheritdoc />
    public int Mtu => _options.Mtu;

    /// <inheritdoc />
    public MacAddress Mac { get; }

    /// <inheritdoc />
    public NetDeviceCounters Counters { get; } = new();

    /// <summary>Frames this end sent that the link dropped on purpose.</summary>
    public long LinkLost => _out?.Lost ?? 0;

    /// <summary>Frames this end sent that the link duplicated.</summary>
    public long LinkDuplicated => _out?.Duplicated ?? 0;

    /// <summary>Frames this end sent that are still on the wire.</summary>
    public int InFlight => _out?.InFlight ?? 0;

    internal void Connect(MemoryLinkDirection outgoing) => _out = outgoing;

    /// <inheritdoc />
    public bool TryReceive(Span<byte> frame, out int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_received.TryDequeue(out var item))
        {
            _pool.Push(item.Buffer);
            if (item.Length > frame.Length)
            {
                Counters.RxDropped++;
                continue;
            }
            item.Buffer.AsSpan(0, item.Length).CopyTo(frame);
            length = item.Length;
            Counters.RxFrames++;
            Counters.RxBytes += length;
            return true;
        }
        length = 0;
        return false;
    }

    /// <inheritdoc />
    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (frame.Length > Mtu + EthernetHeaderLength) throw new ArgumentException($"A frame is at most {Mtu + EthernetHeaderLength} bytes.", nameof(frame));
        if (_out!.IsFull)
        {
            Counters.TxDropped++;
            return false;
        }
        _out.Send(frame);
        Counters.TxFrames++;
        Counters.TxBytes += frame.Length;
        return true;
    }

    /// <inheritdoc />
    public ValueTask WaitReadableAsync(CancellationToken cancellationToken = default) =>
        _received.Count > 0 ? default : _readable.WaitAsync();

    /// <inheritdoc />
    public ValueTask WaitWritableAsync(CancellationToken cancellationToken = default) =>
        _out!.IsFull ? _writable.WaitAsync() : default;

    /// <summary>The wire has room again (called by the link).</summary>
    internal void Drained() => _writable.Set();

    /// <summary>A frame reaches this end (called by the link).</summary>
    internal void Arrive(ReadOnlySpan<byte> frame)
    {
        if (_disposed) return;
        if (_received.Count >= _options.ReceiveQueueLimit)
        {
            Counters.RxDropped++;
            return;
        }
        var buffer = _pool.Count > 0 ? _pool.Pop() : new byte[Mtu + EthernetHeaderLength];
        frame.CopyTo(buffer);
        _received.Enqueue((buffer, frame.Length));
        _readable.Set();
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;
}
