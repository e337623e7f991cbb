using Islet.Monitor.Signals.Internal;

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
    private readonly PendingSignals _pending = new();
    private SignalSet _blocked;
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
        get { lock (_lock) return _pending.Set; }
    }

    /// <summary>The alternate signal stack as stored (ss_flags holds SS_DISABLE or 0, plus SS_AUTODISARM).</summary>
    public SignalAltStack AltStack
    {
        get { lock (_lock) return _altStack; }
    }

    /// <summary>Whether a signal pending on the thread is not blocked, so that the thread should take it before returning to the guest.</summary>
    public bool HasDeliverable => HasDeliverableWith(null);

    /// <summary>Whether a signal pending on the thread or on <paramref name="process"/> (if given) is not blocked.</summary>
    public bool HasDeliverableWith(ProcessSignals? process)
    {
        SignalSet blocked;
        lock (_lock)
        {
            if (!_pending.Set.Except(_blocked).IsEmpty) return true;
            blocked = _blocked;
        }
        return process is not null && process.HasReady(blocked);
    }

    /// <summary>
    /// Makes <paramref name="info"/>'s signal pending. A standard signal that is already pending is
    /// not queued twice; real-time signals queue up to <see cref="MaximumQueued"/>. Returns whether
    /// the signal was queued.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">si_signo is not a signal number.</exception>
    public bool Post(in SignalInfo info)
    {
        lock (_lock) return _pending.Post(info, MaximumQueued);
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
    /// Removes the next signal to deliver (dequeue_signal): among the signals pending on the thread
    /// that are not blocked, the lowest synchronous fault signal if there is one, else the lowest
    /// number; if there is none, the same choice among those pending on <paramref name="process"/>.
    /// </summary>
    public bool TryDequeue(out SignalInfo info, ProcessSignals? process = null)
    {
        SignalSet blocked;
        lock (_lock)
        {
            if (_pending.TryDequeue(_blocked, out info)) return true;
            blocked = _blocked;
        }
        return process is not null ? process.TryDequeue(blocked, out info) : false;
    }

    /// <summary>Discards every pending instance of <paramref name="signal"/> (a handler set to SIG_IGN).</summary>
    public void Discard(int signal)
    {
        lock (_lock) _pending.Discard(signal);
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
