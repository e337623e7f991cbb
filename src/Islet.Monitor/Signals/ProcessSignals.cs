using Islet.Monitor.Signals.Internal;

namespace Islet.Monitor.Signals;

/// <summary>
/// The signals pending on the whole process (the kernel's shared_pending: kill, and faults of no
/// particular thread). Any thread that does not block a signal may take it; a thread takes its
/// own pending signals first (<see cref="ThreadSignals.TryDequeue(out SignalInfo, ProcessSignals?)"/>).
/// Choosing and waking that thread is the caller's job. Thread-safe: one lock guards the queue.
/// </summary>
public sealed class ProcessSignals
{
    private readonly object _lock = new();
    private readonly PendingSignals _pending = new();

    /// <summary>The signals pending on the process.</summary>
    public SignalSet Pending
    {
        get { lock (_lock) return _pending.Set; }
    }

    /// <summary>
    /// Makes <paramref name="info"/>'s signal pending on the process, as <see cref="ThreadSignals.Post"/>
    /// does for a thread. Returns whether the signal was queued.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">si_signo is not a signal number.</exception>
    public bool Post(in SignalInfo info)
    {
        lock (_lock) return _pending.Post(info, ThreadSignals.MaximumQueued);
    }

    /// <summary>Discards every pending instance of <paramref name="signal"/> (a handler set to SIG_IGN).</summary>
    public void Discard(int signal)
    {
        lock (_lock) _pending.Discard(signal);
    }

    internal bool HasReady(SignalSet blocked)
    {
        lock (_lock) return !_pending.Set.Except(blocked).IsEmpty;
    }

    internal bool TryDequeue(SignalSet blocked, out SignalInfo info)
    {
        lock (_lock) return _pending.TryDequeue(blocked, out info);
    }
}
