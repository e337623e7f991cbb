using Islet.Devices;
using Islet.Events;

namespace Islet.Links;

/// <summary>
/// Wraps a real device (a TAP) and impairs its traffic in both directions with seeded loss,
/// duplication, reordering, delay and jitter: netem built into the unikernel, for testing a
/// service or Islet's own TCP against a real peer over a bad network where the host's kernel
/// has no netem. Bandwidth limits are not applied here.
/// </summary>
/// <typeparam name="TDevice">The device impaired.</typeparam>
public sealed class ImpairedNetDevice<TDevice> : INetDevice where TDevice : INetDevice
{
    private readonly TDevice _inner;
    private readonly EventLoop _loop;
    private readonly MemoryLinkOptions _options;
    private readonly Random _random;
    private readonly PriorityQueue<(byte[] Buffer, int Length), (long At, long Sequence)> _outgoing = new();
    private readonly PriorityQueue<(byte[] Buffer, int Length), (long At, long Sequence)> _incoming = new();
    private readonly Stack<byte[]> _pool = new();
    private readonly LoopTimer _sendTimer;
    private readonly LoopTimer _receiveTimer;
    private readonly AsyncSignal _heldDue = new();
    private long _sequence;
    private Task? _innerWait;
    private Task? _heldWait;

    /// <summary>Impairs <paramref name="inner"/> as <paramref name="options"/> say (each direction alike).</summary>
    public ImpairedNetDevice(TDevice inner, EventLoop loop, MemoryLinkOptions options)
    {
        options.Validate();
        _inner = inner;
        _loop = loop;
        _options = options;
        _random = new Random(options.Seed);
        _sendTimer = new LoopTimer(loop, static s => ((ImpairedNetDevice<TDevice>)s!).SendDue(), this);
        _receiveTimer = new LoopTimer(loop, static s => ((ImpairedNetDevice<TDevice>)s!)._heldDue.Set(), this);
    }

    /// <summary>Frames dropped on purpose, both directions.</summary>
    public long Lost { get; private set; }

    /// <summary>Frames duplicated on purpose, both directions.</summary>
    public long Duplicated { get; private set; }

    /// <inheritdoc />
    public int Mtu => _inner.Mtu;

    /// <inheritdoc />
    public MacAddress Mac => _inner.Mac;

    /// <inheritdoc />
    public NetDeviceCounters Counters => _inner.Counters;

    /// <inheritdoc />
    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > Mtu + 14) throw new ArgumentException($"A frame is at most {Mtu + 14} bytes.", nameof(frame));
        int copies = Decide(out long delay);
        for (int i = 0; i < copies; i++)
        {
            if (delay == 0 && _outgoing.Count == 0) _inner.TrySend(frame);
            else Hold(_outgoing, frame, delay, _sendTimer);
        }
        return true; // an impaired link never pushes back: excess is what it drops
    }

    /// <inheritdoc />
    public bool TryReceive(Span<byte> frame, out int length)
    {
        long now = _loop.NowNanoseconds;
        while (true)
        {
            if (_incoming.TryPeek(out var held, out var key) && key.At <= now)
            {
                _incoming.Dequeue();
                length = held.Length;
                held.Buffer.AsSpan(0, length).CopyTo(frame);
                _pool.Push(held.Buffer);
                return true;
            }
            if (!_inner.TryReceive(frame, out length))
            {
                if (_incoming.TryPeek(out _, out var next)) _receiveTimer.ArmAt(next.At);
                return false;
            }
            int copies = Decide(out long delay);
            if (copies == 0) continue;
            if (copies == 2) Hold(_incoming, frame[..length], delay, _receiveTimer);
            if (delay == 0) return true;
            Hold(_incoming, frame[..length], delay, _receiveTimer);
        }
    }

    /// <inheritdoc />
    public ValueTask WaitReadableAsync(CancellationToken cancellationToken = default)
    {
        if (_incoming.TryPeek(out _, out var key))
        {
            if (key.At <= _loop.NowNanoseconds) return default;
            _receiveTimer.ArmAt(key.At);
        }
        // Both sources allow one waiter: keep a pending wait for the next call instead of asking twice.
        if (_innerWait is not { IsCompleted: false }) _innerWait = _inner.WaitReadableAsync(cancellationToken).AsTask();
        if (_heldWait is not { IsCompleted: false }) _heldWait = _heldDue.WaitAsync().AsTask();
        return new ValueTask(Task.WhenAny(_innerWait, _heldWait));
    }

    /// <inheritdoc />
    public ValueTask WaitWritableAsync(CancellationToken cancellationToken = default) => default;

    /// <summary>How many copies to deliver (0 lost, 1, 2 duplicated) and after what delay.</summary>
    private int Decide(out long delay)
    {
        delay = _options.Delay.Ticks * 100;
        if (_options.Jitter > TimeSpan.Zero) delay += (long)(_random.NextDouble() * _options.Jitter.Ticks * 100);
        if (_options.Reorder > 0 && _random.NextDouble() < _options.Reorder) delay += _options.ReorderDelay.Ticks * 100;
        if (_options.Loss > 0 && _random.NextDouble() < _options.Loss)
        {
            Lost++;
            return 0;
        }
        if (_options.Duplicate > 0 && _random.NextDouble() < _options.Duplicate)
        {
            Duplicated++;
            return 2;
        }
        return 1;
    }

    private void Hold(PriorityQueue<(byte[] Buffer, int Length), (long At, long Sequence)> queue, ReadOnlySpan<byte> frame, long delay, LoopTimer timer)
    {
        var buffer = _pool.Count > 0 ? _pool.Pop() : new byte[Mtu + 14];
        frame.CopyTo(buffer);
        long at = _loop.NowNanoseconds + delay;
        queue.Enqueue((buffer, frame.Length), (at, _sequence++));
        queue.TryPeek(out _, out var first);
        if (!timer.IsArmed || first.At < timer.Deadline) timer.ArmAt(first.At);
    }

    private void SendDue()
    {
        long now = _loop.NowNanoseconds;
        while (_outgoing.TryPeek(out var held, out var key) && key.At <= now)
        {
            _outgoing.Dequeue();
            _inner.TrySend(held.Buffer.AsSpan(0, held.Length)); // a refusal is one more loss
            _pool.Push(held.Buffer);
        }
        if (_outgoing.TryPeek(out _, out var next)) _sendTimer.ArmAt(next.At);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sendTimer.Dispose();
        _receiveTimer.Dispose();
        _inner.Dispose();
    }
}
