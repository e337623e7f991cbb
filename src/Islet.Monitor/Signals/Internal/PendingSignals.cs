namespace Islet.Monitor.Signals.Internal;

/// <summary>
/// A pending-signal queue (the kernel's struct sigpending): the pending set and each signal's
/// siginfo. Standard signals are pending at most once; real-time signals queue. Not thread-safe:
/// the owner's lock guards it.
/// </summary>
internal sealed class PendingSignals
{
    private readonly Queue<SignalInfo>?[] _queues = new Queue<SignalInfo>?[LinuxSignal.Count];
    private int _queued;

    public SignalSet Set { get; private set; }

    /// <summary>Queues <paramref name="info"/>; false when a standard signal is already pending or <paramref name="limit"/> is reached.</summary>
    public bool Post(in SignalInfo info, int limit)
    {
        int signal = info.Signal;
        if (!LinuxSignal.IsValid(signal)) throw new ArgumentOutOfRangeException(nameof(info), signal, "Not a signal number (1..64).");
        if (!LinuxSignal.IsRealTime(signal) && Set.Contains(signal)) return false;
        if (_queued >= limit) return false;
        (_queues[signal - 1] ??= new Queue<SignalInfo>()).Enqueue(info);
        _queued++;
        Set = Set.With(signal);
        return true;
    }

    /// <summary>next_signal over the signals not in <paramref name="blocked"/>: synchronous faults first, then the lowest number.</summary>
    public bool TryDequeue(SignalSet blocked, out SignalInfo info)
    {
        SignalSet ready = Set.Except(blocked);
        if (ready.IsEmpty)
        {
            info = default;
            return false;
        }
        SignalSet synchronous = ready.Intersect(SignalSet.Synchronous);
        int signal = (synchronous.IsEmpty ? ready : synchronous).Lowest;
        Queue<SignalInfo> queue = _queues[signal - 1]!;
        info = queue.Dequeue();
        _queued--;
        if (queue.Count == 0) Set = Set.Without(signal);
        return true;
    }

    /// <summary>Drops every pending instance of <paramref name="signal"/>.</summary>
    public void Discard(int signal)
    {
        if (!Set.Contains(signal)) return;
        Queue<SignalInfo> queue = _queues[signal - 1]!;
        _queued -= queue.Count;
        queue.Clear();
        Set = Set.Without(signal);
    }
}
