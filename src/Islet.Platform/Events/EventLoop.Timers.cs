namespace Islet.Events;

public sealed partial class EventLoop
{
    // Each timer keeps at most a few entries here: re-arming later does not add one (the
    // early entry, when it comes due, re-inserts at the real deadline).
    private readonly PriorityQueue<LoopTimer, (long Deadline, long Sequence)> _timers = new();
    private long _timerSequence;

    /// <summary>Entries in the timer queue, live or stale (a diagnostic: it stays small however often timers are re-armed).</summary>
    public int PendingTimerEntries => _timers.Count;

    internal void Schedule(LoopTimer timer, long deadline) =>
        _timers.Enqueue(timer, (deadline, _timerSequence++));

    private long NextTimerDeadline()
    {
        while (_timers.TryPeek(out var timer, out var key))
        {
            if (timer.IsArmed) return key.Deadline; // may be early after a re-arm: FireDueTimers then re-inserts
            _timers.Dequeue();
            timer.OnDequeued(key.Deadline);
        }
        return long.MaxValue;
    }

    private void FireDueTimers()
    {
        long now = _clock.NowNanoseconds;
        while (_timers.TryPeek(out _, out var key) && key.Deadline <= now)
        {
            var timer = _timers.Dequeue();
            timer.OnDequeued(key.Deadline);
            if (!timer.IsArmed) continue;
            if (timer.Deadline <= now) timer.Fire();
            else if (!timer.IsScheduled) timer.Reschedule();
        }
    }
}
