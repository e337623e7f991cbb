namespace Islet.Monitor.Signals;

/// <summary>
/// One thread's signal state: the blocked mask, the pending signals with their siginfo, and the
/// alternate signal stack. Other threads may post signals concurrently (tgkill); one lock guards
/// the state. The system calls that change it are in ThreadSignals.Calls.cs.
/// </summary>
public sealed partial class ThreadSignals
{
    /// <summary>The most real-time signals queued on one thread; later ones are dropped (RLIMIT_SIGPENDING).</summary>
    public const int MaximumQueued = 1024;

    private readonly object _lock = new();
    private readonly Queue<SignalInfo>?[] _queues = new Queue<SignalInfo>?[LinuxSignal.Count];
    private SignalSet _blocked;
    private SignalSet _pending;
    private int _queued;
    private SignalAltStack _altStack = SignalAltStack.None;

    /// <summary>The blocked signals; setting it never blocks SIGKILL or SIGSTOP (set_current_blocked).</summary>
    public SignalSet Blocked
    {
        get { lock (_lock) return _blocked; }
        set { lock (_lock) _blocked = value.Except(SignalSet.KernelOnly); }
    }

    /// <summary>The signals pending on this thread, blocked or not.</summary>
    public SignalSet Pending
    {
        get { lock (_lock) return _pending; }
    }

    /// <summary>The alternate signal stack as stored (ss_flags holds SS_DISABLE or 0, plus SS_AUTODISARM).</summary>
    public SignalAltStack AltStack
    {
        get { lock (_lock) return _altStack; }
    }

    /// <summary>Whether a pending signal is not blocked, so that the thread should take it before returning to the guest.</summary>
    public bool HasDeliverable
    {
        get { lock (_lock) return !_pending.Except(_blocked).IsEmpty; }
    }

    /// <summary>
    /// Makes <paramref name="info"/>'s signal pending. A standard signal that is already pending is
    /// not queued twice; real-time signals queue up to <see cref="MaximumQueued"/>. Returns whether
    /// the signal was queued.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">si_signo is not a signal number.</exception>
    public bool Post(in SignalInfo info)
    {
        int signal = info.Signal;
        if (!LinuxSignal.IsValid(signal)) throw new ArgumentOutOfRangeException(nameof(info), signal, "Not a signal number (1..64).");
        lock (_lock)
        {
            if (!LinuxSignal.IsRealTime(signal) && _pending.Contains(signal)) return false;
            if (_queued >= MaximumQueued) return false;
            (_queues[signal - 1] ??= new Queue<SignalInfo>()).Enqueue(info);
            _queued++;
            _pending = _pending.With(signal);
            return true;
        }
    }

    /// <summary>
    /// Posts a fault the guest cannot ignore (force_sig_fault): if the signal is blocked or its handler
    /// is SIG_IGN, it is unblocked and its action reset to SIG_DFL, so that delivery terminates.
    /// </summary>
    public void Force(in SignalInfo info, SignalActionTable actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        int signal = info.Signal;
        lock (_lock)
        {
            bool blocked = _blocked.Contains(signal);
            if (actions.ResetIfIgnoredOrBlocked(signal, blocked)) _blocked = _blocked.Without(signal);
        }
        Post(info);
    }

    /// <summary>
    /// Removes the next signal to deliver (next_signal): among the pending signals that are not
    /// blocked, the lowest synchronous fault signal if there is one, else the lowest number.
    /// </summary>
    public bool TryDequeue(out SignalInfo info)
    {
        lock (_lock)
        {
            SignalSet ready = _pending.Except(_blocked);
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
            if (queue.Count == 0) _pending = _pending.Without(signal);
            return true;
        }
    }

    /// <summary>Discards every pending instance of <paramref name="signal"/> (a handler set to SIG_IGN).</summary>
    public void Discard(int signal)
    {
        lock (_lock)
        {
            if (!_pending.Contains(signal)) return;
            Queue<SignalInfo> queue = _queues[signal - 1]!;
            _queued -= queue.Count;
            queue.Clear();
            _pending = _pending.Without(signal);
        }
    }

    /// <summary>Whether <paramref name="rsp"/> is on the alternate stack (on_sig_stack: never while SS_AUTODISARM is set).</summary>
    public bool IsOnAltStack(ulong rsp)
    {
        lock (_lock) return OnAltStack(rsp);
    }

    private bool OnAltStack(ulong rsp) => (_altStack.Flags & SignalAltStack.AutoDisarm) == 0 && _altStack.Contains(rsp);

    // sas_ss_flags: SS_DISABLE without a stack, else SS_ONSTACK or 0.
    private int AltStackMode(ulong rsp) =>
        _altStack.Size == 0 ? SignalAltStack.Disable : OnAltStack(rsp) ? SignalAltStack.OnStack : 0;
}
