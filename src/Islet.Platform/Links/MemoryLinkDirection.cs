using Islet.Events;

namespace Islet.Links;

/// <summary>
/// One direction of a <see cref="MemoryLink"/>: frames on the wire, ordered by delivery time,
/// handed to the receiver by a single loop timer. Frame buffers are pooled: steady state
/// allocates nothing.
/// </summary>
internal sealed class MemoryLinkDirection
{
    private readonly EventLoop _loop;
    private readonly MemoryLinkOptions _options;
    private readonly Random _random;
    private readonly MemoryNetDevice _receiver;
    private readonly MemoryNetDevice _sender;
    private readonly LoopTimer _timer;
    private readonly PriorityQueue<Frame, (long At, long Sequence)> _wire = new();
    private readonly Stack<byte[]> _pool = new();
    private long _sequence;
    private long _wireFreeAt;

    public MemoryLinkDirection(EventLoop loop, MemoryLinkOptions options, int seed, MemoryNetDevice sender, MemoryNetDevice receiver)
    {
        _loop = loop;
        _options = options;
        _random = new Random(seed);
        _receiver = receiver;
        _sender = sender;
        _timer = new LoopTimer(loop, static s => ((MemoryLinkDirection)s!).Deliver(), this);
    }

    /// <summary>Frames between sender and receiver.</summary>
    public int InFlight => _wire.Count;

    /// <summary>Frames the link dropped on purpose (loss), counted here for tests.</summary>
    public long Lost { get; private set; }

    /// <summary>Frames the link duplicated.</summary>
    public long Duplicated { get; private set; }

    public bool IsFull => _wire.Count >= _options.InFlightLimit;

    /// <summary>Puts a copy of <paramref name="frame"/> on the wire, or drops it by the loss probability.</summary>
    public void Send(ReadOnlySpan<byte> frame)
    {
        long now = _loop.NowNanoseconds;
        // The sender serialises frames one after another, lost ones included (they left the NIC).
        long serialisation = _options.BandwidthBitsPerSecond == 0 ? 0
            : frame.Length * 8L * 1_000_000_000L / _options.BandwidthBitsPerSecond;
        long leaves = Math.Max(now, _wireFreeAt) + serialisation;
        _wireFreeAt = leaves;
        if (Chance(_options.Loss))
        {
            Lost++;
            return;
        }
        Enqueue(frame, leaves);
        if (Chance(_options.Duplicate))
        {
            Duplicated++;
            Enqueue(frame, leaves);
        }
    }

    private void Enqueue(ReadOnlySpan<byte> frame, long leaves)
    {
        long at = leaves + _options.Delay.Ticks * 100;
        if (_options.Jitter > TimeSpan.Zero) at += (long)(_random.NextDouble() * _options.Jitter.Ticks * 100);
        if (Chance(_options.Reorder)) at += _options.ReorderDelay.Ticks * 100;
        var buffer = _pool.Count > 0 ? _pool.Pop() : new byte[_options.Mtu + MemoryNetDevice.EthernetHeaderLength];
        frame.CopyTo(buffer);
        _wire.Enqueue(new Frame(buffer, frame.Length), (at, _sequence++));
        _wire.TryPeek(out _, out var first);
        if (!_timer.IsArmed || first.At < _timer.Deadline) _timer.ArmAt(first.At);
    }

    private void Deliver()
    {
        long now = _loop.NowNanoseconds;
        bool wasFull = IsFull;
        while (_wire.TryPeek(out var frame, out var key) && key.At <= now)
        {
            _wire.Dequeue();
            _receiver.Arrive(frame.Buffer.AsSpan(0, frame.Length));
            _pool.Push(frame.Buffer);
        }
        if (_wire.TryPeek(out _, out var next)) _timer.ArmAt(next.At);
        if (wasFull && !IsFull) _sender.Drained();
    }

    private bool Chance(double probability) => probability > 0 && _random.NextDouble() < probability;

    private readonly record struct Frame(byte[] Buffer, int Length);
}
