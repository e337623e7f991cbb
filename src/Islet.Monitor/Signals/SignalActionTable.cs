using Islet.Monitor.Loader;
using Islet.Monitor.Signals.Internal;

namespace Islet.Monitor.Signals;

/// <summary>
/// The process's 64 signal actions (shared by all threads) and rt_sigaction. Every action starts
/// as SIG_DFL with no flags and an empty mask. Thread-safe: one lock guards the table.
/// </summary>
public sealed class SignalActionTable
{
    // Flags the kernel keeps (UAPI_SA_FLAGS on x86); do_sigaction clears any other bit.
    private const SignalActionFlags KnownFlags = SignalActionFlags.NoChildStop | SignalActionFlags.NoChildWait
        | SignalActionFlags.SigInfo | SignalActionFlags.ExposeTagBits | SignalActionFlags.Restorer
        | SignalActionFlags.OnStack | SignalActionFlags.Restart | SignalActionFlags.NoDefer | SignalActionFlags.ResetHand;

    private readonly object _lock = new();
    private readonly SignalAction[] _actions = new SignalAction[LinuxSignal.Count];

    /// <summary>The current action of <paramref name="signal"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a signal number.</exception>
    public SignalAction Get(int signal)
    {
        int index = Index(signal);
        lock (_lock) return _actions[index];
    }

    /// <summary>
    /// Replaces the action of <paramref name="signal"/> as rt_sigaction does: unknown flags are
    /// cleared and SIGKILL/SIGSTOP are removed from the mask. Returns the previous action.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a signal number, or SIGKILL/SIGSTOP.</exception>
    public SignalAction Set(int signal, SignalAction action)
    {
        int index = Index(signal);
        if (LinuxSignal.IsKernelOnly(signal))
            throw new ArgumentOutOfRangeException(nameof(signal), signal, "SIGKILL and SIGSTOP cannot be changed.");
        action = action with { Flags = action.Flags & KnownFlags, Mask = action.Mask.Except(SignalSet.KernelOnly) };
        lock (_lock)
        {
            SignalAction old = _actions[index];
            _actions[index] = action;
            return old;
        }
    }

    /// <summary>What to do with <paramref name="signal"/> under its current action.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a signal number.</exception>
    public SignalDisposition Disposition(int signal) => DispositionOf(signal, Get(signal));

    /// <summary>
    /// Takes the action for delivering <paramref name="signal"/> now (get_signal): the action is
    /// returned as it was, and an SA_RESETHAND handler is reset to SIG_DFL in the same step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a signal number.</exception>
    public SignalAction TakeForDelivery(int signal, out SignalDisposition disposition)
    {
        int index = Index(signal);
        lock (_lock)
        {
            SignalAction action = _actions[index];
            disposition = DispositionOf(signal, action);
            if (disposition == SignalDisposition.Handle && (action.Flags & SignalActionFlags.ResetHand) != 0)
                _actions[index] = action with { Handler = SignalAction.Default };
            return action;
        }
    }

    /// <summary>
    /// rt_sigaction(signal, act, oldact, sigsetsize): installs the struct sigaction at guest address
    /// <paramref name="newAction"/> (if not 0) and stores the previous one at <paramref name="oldAction"/>
    /// (if not 0). Returns 0 or a negated errno: EINVAL for a sigsetsize other than 8, a number
    /// outside 1..64, or a change to SIGKILL/SIGSTOP (reading them is allowed); EFAULT when either
    /// structure is outside guest memory. As in the kernel, a fault writing the old action comes
    /// after the new one is installed. When the new action ignores the signal (<see cref="Disposition"/>
    /// is <see cref="SignalDisposition.Ignore"/>), the caller discards it from every thread's and the
    /// process's pending signals, as the kernel's do_sigaction does.
    /// </summary>
    public long RtSigaction(IGuestMemory memory, int signal, ulong newAction, ulong oldAction, ulong sigsetSize)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (sigsetSize != SignalSet.Size) return -SignalErrno.EINVAL;
        Span<byte> buffer = stackalloc byte[SignalAction.Size];
        SignalAction? requested = null;
        if (newAction != 0)
        {
            if (!GuestAccess.TryRead(memory, newAction, buffer)) return -SignalErrno.EFAULT;
            requested = SignalAction.Read(buffer);
        }
        if (!LinuxSignal.IsValid(signal) || (requested is not null && LinuxSignal.IsKernelOnly(signal)))
            return -SignalErrno.EINVAL;

        SignalAction old = requested is { } action ? Set(signal, action) : Get(signal);
        if (oldAction != 0)
        {
            old.Write(buffer);
            if (!GuestAccess.TryWrite(memory, oldAction, buffer)) return -SignalErrno.EFAULT;
        }
        return 0;
    }

    /// <summary>
    /// force_sig_info's rule for a fault the guest must not ignore: if the signal is blocked
    /// (<paramref name="blocked"/>) or its handler is SIG_IGN, the handler becomes SIG_DFL.
    /// Returns <paramref name="blocked"/>: whether the caller must unblock the signal.
    /// </summary>
    internal bool ResetIfIgnoredOrBlocked(int signal, bool blocked)
    {
        int index = Index(signal);
        lock (_lock)
        {
            if (blocked || _actions[index].Handler == SignalAction.Ignore)
                _actions[index] = _actions[index] with { Handler = SignalAction.Default };
        }
        return blocked;
    }

    private static SignalDisposition DispositionOf(int signal, SignalAction action)
    {
        if (action.Handler == SignalAction.Ignore) return SignalDisposition.Ignore;
        if (action.HasHandler) return SignalDisposition.Handle;
        return LinuxSignal.DefaultAction(signal) switch
        {
            SignalDefaultAction.Ignore or SignalDefaultAction.Stop => SignalDisposition.Ignore,
            _ => SignalDisposition.Terminate,
        };
    }

    private static int Index(int signal) => LinuxSignal.IsValid(signal)
        ? signal - 1
        : throw new ArgumentOutOfRangeException(nameof(signal), signal, "Not a signal number (1..64).");
}
