namespace Islet.Monitor.Signals;

/// <summary>Which member of siginfo's union a <see cref="SignalInfo"/> fills.</summary>
public enum SignalInfoKind
{
    /// <summary>_kill: si_pid, si_uid (kill, tkill, tgkill).</summary>
    Kill,

    /// <summary>_sigfault: si_addr (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP from a fault).</summary>
    Fault,

    /// <summary>_rt: si_pid, si_uid, si_value (sigqueue, rt_tgsigqueueinfo).</summary>
    Queue,
}
