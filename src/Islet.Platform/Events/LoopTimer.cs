namespace Islet.Events;

/// <summary>
/// A re-armable one-shot timer on an <see cref="EventLoop"/>. Arming, re-arming and disarming
/// are allocation-free, so a connection can re-arm its idle timer on every request.
/// </summary>
/// <remarks>The callback runs on the loop thread. Use only on the loop thread.</remarks>
public sealed class LoopTimer : IDisposable
{
    private readonly EventLoop _loop;
    private readonly Action<object?> _callback;
    private readonly object? _state;
    private int _entries;          // entries for this timer in the loop's queue
    private long _earliestEntry;   // no entry is earlier than this

    /// <summary>Creates a disarmed timer.</summary>
    public LoopTimer(EventLoop loop, Action<object?> callback, object? state)
    {
        _loop = loop;
        _callback = callback;
        _state = state;
    }

    /// <summary>True while a deadline is set and has not fired.</summary>
    public bool IsArmed { get; private set; }

    /// <summary>The monotonic deadline in nanoseconds, when armed.</summary>
    public long Deadline { get; private set; }

    internal bool IsScheduled => _entries > 0;

    /// <summary>Fires the callback once, <paramref name="dueIn"/> from now (replacing any earlier deadline).</summary>
    public void Arm(TimeSpan dueIn) => ArmAt(_loop.NowNanoseconds + Math.Max(0, dueIn.Ticks) * 100);

    /// <summary>Fires the callback once at monotonic time <paramref name="deadline"/>.</summary>
    public void ArmAt(long deadline)
    {
        Deadline = deadline;
        IsArmed = true;
        if (_entries == 0 || deadline < _earliestEntry) Reschedule();
    }

    /// <summary>Cancels the pending firing, if any.</summary>
    public void Disarm() => IsArmed = false;

    internal void Reschedule()
    {
        _loop.Schedule(this, Deadline);
        _entries++;
        _earliestEntry = _entries == 1 ? Deadline : Math.Min(_earliestEntry, Deadline);
    }

    internal void OnDequeued(long entryDeadline)
    {
        _entries--;
        _earliestEntry = _entries == 0 ? long.MaxValue : entryDeadline;
    }

    internal void Fire()
    {
        IsArmed = false;
        _callback(_state);
    }

    /// <inheritdoc />
    public void Dispose() => Disarm();
}
