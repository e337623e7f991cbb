using Islet.Monitor.Loader;
using Islet.Monitor.Signals.Internal;

namespace Islet.Monitor.Signals;

public sealed partial class ThreadSignals
{
    /// <summary>rt_sigprocmask's SIG_BLOCK: add the set to the blocked mask.</summary>
    public const int Block = 0;

    /// <summary>rt_sigprocmask's SIG_UNBLOCK: remove the set from the blocked mask.</summary>
    public const int Unblock = 1;

    /// <summary>rt_sigprocmask's SIG_SETMASK: replace the blocked mask.</summary>
    public const int SetMask = 2;

    /// <summary>
    /// rt_sigprocmask(how, set, oldset, sigsetsize). Returns 0 or a negated errno: EINVAL for a
    /// sigsetsize other than 8 or, when <paramref name="set"/> is not 0, a <paramref name="how"/>
    /// other than SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK; EFAULT when a set is outside guest memory.
    /// SIGKILL and SIGSTOP are never blocked. The old mask is the one before the change.
    /// </summary>
    public long RtSigprocmask(IGuestMemory memory, int how, ulong set, ulong oldSet, ulong sigsetSize)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (sigsetSize != SignalSet.Size) return -SignalErrno.EINVAL;
        Span<byte> buffer = stackalloc byte[SignalSet.Size];
        SignalSet old;
        if (set != 0)
        {
            if (!GuestAccess.TryRead(memory, set, buffer)) return -SignalErrno.EFAULT;
            SignalSet requested = new SignalSet(BitConverter.ToUInt64(buffer)).Except(SignalSet.KernelOnly);
            lock (_lock)
            {
                old = _blocked;
                switch (how)
                {
                    case Block: _blocked = old.Union(requested); break;
                    case Unblock: _blocked = old.Except(requested); break;
                    case SetMask: _blocked = requested; break;
                    default: return -SignalErrno.EINVAL;
                }
            }
        }
        else
        {
            old = Blocked;
        }
        if (oldSet != 0)
        {
            BitConverter.TryWriteBytes(buffer, old.Bits);
            if (!GuestAccess.TryWrite(memory, oldSet, buffer)) return -SignalErrno.EFAULT;
        }
        return 0;
    }

    /// <summary>
    /// sigaltstack(ss, old_ss) for a thread whose stack pointer is <paramref name="rsp"/>. Returns 0
    /// or a negated errno: EFAULT when a stack_t is outside guest memory; EPERM when changing the
    /// stack while running on it; EINVAL for an ss_flags mode other than 0, SS_ONSTACK or
    /// SS_DISABLE (SS_AUTODISARM may be added); ENOMEM for a size below MINSIGSTKSZ (2048).
    /// old_ss reports the state before the change, with SS_ONSTACK/SS_DISABLE as the thread sees it.
    /// </summary>
    public long Sigaltstack(IGuestMemory memory, ulong newStack, ulong oldStack, ulong rsp)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Span<byte> buffer = stackalloc byte[SignalAltStack.StructSize];
        SignalAltStack? requested = null;
        if (newStack != 0)
        {
            if (!GuestAccess.TryRead(memory, newStack, buffer)) return -SignalErrno.EFAULT;
            requested = SignalAltStack.Read(buffer);
        }
        SignalAltStack old;
        lock (_lock)
        {
            old = Reported(rsp);
            if (requested is { } stack)
            {
                int error = ChangeAltStack(stack, rsp);
                if (error != 0) return -error;
            }
        }
        if (oldStack != 0)
        {
            old.Write(buffer);
            if (!GuestAccess.TryWrite(memory, oldStack, buffer)) return -SignalErrno.EFAULT;
        }
        return 0;
    }

    /// <summary>The stack_t a signal frame's uc_stack records (__save_altstack) for a thread at <paramref name="rsp"/>.</summary>
    internal SignalAltStack AltStackForFrame(ulong rsp)
    {
        lock (_lock) return Reported(rsp);
    }

    /// <summary>sas_ss_flags for a thread at <paramref name="rsp"/>: SS_DISABLE, SS_ONSTACK or 0.</summary>
    internal int AltStackModeAt(ulong rsp)
    {
        lock (_lock) return AltStackMode(rsp);
    }

    /// <summary>
    /// A handler frame was written: the thread runs with <paramref name="blocked"/>, and an
    /// SS_AUTODISARM stack is cleared until rt_sigreturn restores it (signal_delivered).
    /// </summary>
    internal void CommitDelivery(SignalSet blocked)
    {
        lock (_lock)
        {
            _blocked = blocked.Except(SignalSet.KernelOnly);
            if ((_altStack.Flags & SignalAltStack.AutoDisarm) != 0) _altStack = SignalAltStack.None;
        }
    }

    /// <summary>rt_sigreturn: the thread's mask and alternate stack come back from the frame.</summary>
    internal void CommitReturn(SignalSet blocked, SignalAltStack stack, ulong rsp)
    {
        lock (_lock)
        {
            _blocked = blocked.Except(SignalSet.KernelOnly);
            ChangeAltStack(stack, rsp); // restore_altstack ignores do_sigaltstack's refusals
        }
    }

    private SignalAltStack Reported(ulong rsp) =>
        new(_altStack.Pointer, AltStackMode(rsp) | (_altStack.Flags & SignalAltStack.AutoDisarm), _altStack.Size);

    // do_sigaltstack's change half; returns 0 or a (positive) errno. Caller holds the lock.
    private int ChangeAltStack(SignalAltStack stack, ulong rsp)
    {
        if (OnAltStack(rsp)) return SignalErrno.EPERM;
        int mode = stack.Flags & ~SignalAltStack.AutoDisarm;
        if (mode is not (0 or SignalAltStack.OnStack or SignalAltStack.Disable)) return SignalErrno.EINVAL;
        if (mode == SignalAltStack.Disable)
        {
            _altStack = new SignalAltStack(0, stack.Flags, 0);
            return 0;
        }
        if (stack.Size < SignalAltStack.MinimumSize) return SignalErrno.ENOMEM;
        _altStack = stack;
        return 0;
    }
}
