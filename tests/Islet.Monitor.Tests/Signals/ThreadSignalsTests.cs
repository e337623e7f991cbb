using Islet.Monitor.Signals;
using static Islet.Monitor.Signals.LinuxSignal;

namespace Islet.Monitor.Tests.Signals;

public sealed class ThreadSignalsTests
{
    private const ulong Set = SignalTestGuest.Base + 0x100, Old = SignalTestGuest.Base + 0x200;
    private const ulong Outside = SignalTestGuest.Base + SignalTestGuest.Size - 4;
    private const ulong Alt = SignalTestGuest.Base + 0x1_0000, AltSize = 0x4000;

    private readonly SignalTestGuest _guest = new();
    private ThreadSignals Thread => _guest.Thread;

    [Fact]
    public void Sigprocmask_blocks_unblocks_and_sets_and_reports_the_old_mask()
    {
        _guest.Write64(Set, SignalSet.Of(SIGUSR1).With(SIGUSR2).Bits);
        Assert.Equal(0, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.Block, Set, Old, 8));
        Assert.Equal(0UL, _guest.Read64(Old));
        _guest.Write64(Set, SignalSet.Of(SIGUSR1).Bits);
        Assert.Equal(0, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.Unblock, Set, Old, 8));
        Assert.Equal(SignalSet.Of(SIGUSR1).With(SIGUSR2).Bits, _guest.Read64(Old));
        _guest.Write64(Set, SignalSet.Of(SIGHUP).With(64).Bits);
        Assert.Equal(0, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.SetMask, Set, Old, 8));
        Assert.Equal(SignalSet.Of(SIGUSR2).Bits, _guest.Read64(Old));
        Assert.Equal(SignalSet.Of(SIGHUP).With(64), Thread.Blocked);
        Assert.Equal(0, Thread.RtSigprocmask(_guest.Memory, 99, 0, Old, 8)); // how is not checked without a set
        Assert.Equal(SignalSet.Of(SIGHUP).With(64).Bits, _guest.Read64(Old));
    }

    [Fact]
    public void Sigkill_and_sigstop_are_never_blocked()
    {
        _guest.Write64(Set, ulong.MaxValue);
        Assert.Equal(0, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.SetMask, Set, 0, 8));
        Assert.Equal(ulong.MaxValue & ~SignalSet.KernelOnly.Bits, Thread.Blocked.Bits);
        Thread.Blocked = new SignalSet(ulong.MaxValue);
        Assert.False(Thread.Blocked.Contains(SIGKILL) || Thread.Blocked.Contains(SIGSTOP));
    }

    [Fact]
    public void Sigprocmask_errors()
    {
        Assert.Equal(-SignalErrno.EINVAL, Thread.RtSigprocmask(_guest.Memory, 3, Set, 0, 8));
        Assert.Equal(-SignalErrno.EINVAL, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.Block, Set, 0, 4));
        Assert.Equal(-SignalErrno.EFAULT, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.Block, Outside, 0, 8));
        Assert.Equal(-SignalErrno.EFAULT, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.Block, 0, Outside, 8));
        Assert.Equal(-SignalErrno.EFAULT, Thread.RtSigprocmask(_guest.Memory, ThreadSignals.Block, 16, 0, 8));
    }

    [Fact]
    public void Synchronous_signals_are_dequeued_first_then_the_lowest_number()
    {
        foreach (int signal in new[] { 40, SIGUSR2, SIGTERM, SIGSEGV, SIGHUP, SIGFPE })
            Assert.True(Thread.Post(SignalInfo.ThreadKill(signal, 1, 0)));
        int[] order = Drain();
        Assert.Equal(new[] { SIGFPE, SIGSEGV, SIGHUP, SIGUSR2, SIGTERM, 40 }, order);
        Assert.False(Thread.HasDeliverable);
    }

    [Fact]
    public void Blocked_signals_stay_pending_until_unblocked()
    {
        Thread.Blocked = SignalSet.Of(SIGUSR1);
        Thread.Post(SignalInfo.ThreadKill(SIGUSR1, 7, 8));
        Assert.False(Thread.HasDeliverable);
        Assert.False(Thread.TryDequeue(out _));
        Assert.True(Thread.Pending.Contains(SIGUSR1));
        Thread.Blocked = SignalSet.Empty;
        Assert.True(Thread.TryDequeue(out SignalInfo info));
        Assert.Equal((SIGUSR1, 7, 8u, SignalCode.ThreadKill), (info.Signal, info.Pid, info.Uid, info.Code));
    }

    [Fact]
    public void Standard_signals_coalesce_and_real_time_signals_queue()
    {
        Assert.True(Thread.Post(SignalInfo.ThreadKill(SIGUSR1, 1, 0)));
        Assert.False(Thread.Post(SignalInfo.ThreadKill(SIGUSR1, 2, 0)));
        Assert.True(Thread.Post(SignalInfo.ThreadKill(35, 1, 0)));
        Assert.True(Thread.Post(SignalInfo.ThreadKill(35, 2, 0)));
        Assert.Equal(new[] { SIGUSR1, 35, 35 }, Drain());
        Thread.Post(SignalInfo.ThreadKill(36, 1, 0));
        Thread.Post(SignalInfo.ThreadKill(36, 1, 0));
        Thread.Discard(36);
        Assert.Empty(Drain());
    }

    [Fact]
    public void Thread_signals_are_taken_before_process_signals()
    {
        var process = new ProcessSignals();
        Assert.True(process.Post(SignalInfo.Kill(SIGHUP, 5, 0)));
        Assert.False(process.Post(SignalInfo.Kill(SIGHUP, 6, 0)));
        Thread.Post(SignalInfo.ThreadKill(SIGTERM, 1, 0));
        Assert.True(Thread.HasDeliverableWith(process));
        Assert.True(Thread.TryDequeue(out SignalInfo first, process));
        Assert.True(Thread.TryDequeue(out SignalInfo second, process));
        Assert.Equal((SIGTERM, SIGHUP, 5), (first.Signal, second.Signal, second.Pid));
        Assert.False(Thread.TryDequeue(out _, process));

        Thread.Blocked = SignalSet.Of(SIGINT);
        process.Post(SignalInfo.Kill(SIGINT, 5, 0));
        Assert.False(Thread.HasDeliverableWith(process));
        Assert.False(Thread.TryDequeue(out _, process));
        process.Discard(SIGINT);
        Assert.True(process.Pending.IsEmpty);
    }

    [Fact]
    public void A_forced_fault_unblocks_and_resets_an_ignored_or_blocked_signal()
    {
        _guest.Actions.Set(SIGSEGV, SignalTestGuest.HandlerAction());
        Thread.Blocked = SignalSet.Of(SIGSEGV);
        Thread.Force(SignalInfo.Fault(SIGSEGV, SignalCode.SegvMapError, 0), _guest.Actions);
        Assert.False(Thread.Blocked.Contains(SIGSEGV));
        Assert.Equal(SignalDisposition.Terminate, _guest.Actions.Disposition(SIGSEGV));

        _guest.Actions.Set(SIGBUS, SignalTestGuest.HandlerAction());
        Thread.Force(SignalInfo.Fault(SIGBUS, SignalCode.BusAddressError, 0), _guest.Actions);
        Assert.Equal(SignalDisposition.Handle, _guest.Actions.Disposition(SIGBUS));
        Assert.Equal(new[] { SIGBUS, SIGSEGV }, Drain());
    }

    [Fact]
    public void Sigaltstack_sets_and_reports_the_stack()
    {
        WriteStack(Set, Alt, 0, AltSize);
        Assert.Equal(0, Thread.Sigaltstack(_guest.Memory, Set, Old, SignalTestGuest.StackTop));
        Assert.Equal((0UL, SignalAltStack.Disable, 0UL), ReadStack(Old));
        Assert.Equal(0, Thread.Sigaltstack(_guest.Memory, 0, Old, SignalTestGuest.StackTop));
        Assert.Equal((Alt, 0, AltSize), ReadStack(Old));
        Assert.Equal(0, Thread.Sigaltstack(_guest.Memory, 0, Old, Alt + 0x100));
        Assert.Equal((Alt, SignalAltStack.OnStack, AltSize), ReadStack(Old));
        Assert.True(Thread.IsOnAltStack(Alt + AltSize));
        Assert.False(Thread.IsOnAltStack(Alt));

        WriteStack(Set, 0x1234, SignalAltStack.Disable, 99);
        Assert.Equal(0, Thread.Sigaltstack(_guest.Memory, Set, 0, SignalTestGuest.StackTop));
        Assert.Equal(SignalAltStack.None, Thread.AltStack);
    }

    [Fact]
    public void Sigaltstack_errors()
    {
        WriteStack(Set, Alt, 0, SignalAltStack.MinimumSize - 1);
        Assert.Equal(-SignalErrno.ENOMEM, Thread.Sigaltstack(_guest.Memory, Set, 0, SignalTestGuest.StackTop));
        WriteStack(Set, Alt, 4, AltSize);
        Assert.Equal(-SignalErrno.EINVAL, Thread.Sigaltstack(_guest.Memory, Set, 0, SignalTestGuest.StackTop));
        Assert.Equal(-SignalErrno.EFAULT, Thread.Sigaltstack(_guest.Memory, Outside, 0, SignalTestGuest.StackTop));
        Assert.Equal(-SignalErrno.EFAULT, Thread.Sigaltstack(_guest.Memory, 0, Outside, SignalTestGuest.StackTop));

        WriteStack(Set, Alt, SignalAltStack.OnStack, AltSize); // SS_ONSTACK as a mode is accepted
        Assert.Equal(0, Thread.Sigaltstack(_guest.Memory, Set, 0, SignalTestGuest.StackTop));
        WriteStack(Set, Alt, SignalAltStack.Disable, 0);
        Assert.Equal(-SignalErrno.EPERM, Thread.Sigaltstack(_guest.Memory, Set, 0, Alt + 0x200));
        Assert.Equal(Alt, Thread.AltStack.Pointer);
    }

    [Fact]
    public void Autodisarm_is_reported_and_hides_the_on_stack_state()
    {
        WriteStack(Set, Alt, SignalAltStack.AutoDisarm, AltSize);
        Assert.Equal(0, Thread.Sigaltstack(_guest.Memory, Set, 0, SignalTestGuest.StackTop));
        Assert.False(Thread.IsOnAltStack(Alt + 0x100));
        Assert.Equal(0, Thread.Sigaltstack(_guest.Memory, 0, Old, Alt + 0x100));
        Assert.Equal((Alt, SignalAltStack.AutoDisarm, AltSize), ReadStack(Old));
    }

    private int[] Drain()
    {
        var signals = new List<int>();
        while (Thread.TryDequeue(out SignalInfo info)) signals.Add(info.Signal);
        return signals.ToArray();
    }

    private void WriteStack(ulong address, ulong pointer, int flags, ulong size)
    {
        byte[] bytes = new byte[SignalAltStack.StructSize];
        new SignalAltStack(pointer, flags, size).Write(bytes);
        _guest.Memory.Write(address, bytes);
    }

    private (ulong, int, ulong) ReadStack(ulong address)
    {
        byte[] bytes = new byte[SignalAltStack.StructSize];
        _guest.Memory.Read(address, bytes);
        SignalAltStack s = SignalAltStack.Read(bytes);
        return (s.Pointer, s.Flags, s.Size);
    }
}
