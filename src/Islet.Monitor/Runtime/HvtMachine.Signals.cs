using Islet.Monitor.Kvm;
using Islet.Monitor.Signals;

namespace Islet.Monitor.Runtime;

public sealed partial class HvtMachine
{
    private XstateFormat? _xstate;

    /// <summary>The process's signal actions.</summary>
    internal SignalActionTable Actions { get; } = new();

    /// <summary>The guest's XSAVE format: XCR0 as the monitor set it, and the standard-format size for it.</summary>
    internal XstateFormat Xstate => _xstate ??= new XstateFormat(_cpu.Xcr0 == 0 ? XstateFormat.FpSse : _cpu.Xcr0, (_cpu.Xcr0 & 4) != 0 ? 832 : 576);

    private long SigAction(GuestThread t, ReadOnlySpan<ulong> a)
    {
        long r = Actions.RtSigaction(Memory, (int)a[0], a[1], a[2], a[3]);
        if (r == 0 && a[1] != 0 && Actions.Disposition((int)a[0]) == SignalDisposition.Ignore)
        {
            foreach (GuestThread thread in AllThreads()) thread.Signals.Discard((int)a[0]);
        }
        return r;
    }

    private static long SigProcMask(GuestThread t, ReadOnlySpan<ulong> a) => t.Signals.RtSigprocmask(t.MachineMemory, (int)a[0], a[1], a[2], a[3]);

    private long SigAltStack(GuestThread t, ReadOnlySpan<ulong> a) => t.Signals.Sigaltstack(Memory, a[0], a[1], t.Regs.Rsp);

    /// <summary>rt_sigreturn: the registers, mask and FP state come back from the frame; a bad frame is a SIGSEGV.</summary>
    private long SigReturn(GuestThread t)
    {
        t.Vcpu.GetXsave(out KvmXsave xsave);
        SignalReturn back = SignalFrame.Return(Memory, t.Regs, xsave.AsSpan(), Xstate, t.Signals);
        if (!back.Restored)
        {
            t.Signals.Force(SignalInfo.Fault(LinuxSignal.SIGSEGV, SignalCode.Kernel, 0), Actions);
            return NoReturn;
        }
        t.Vcpu.SetXsave(xsave);
        t.Regs = back.Registers;
        t.RegsChanged();
        t.EnsureUserSegments();
        return NoReturn;
    }

    /// <summary>tgkill: makes the signal pending on the thread and, unless it is blocked there, interrupts what the thread is doing.</summary>
    private long TgKill(GuestThread self, int pid, int tid, int signal)
    {
        if (signal is < 0 or > LinuxSignal.Count) return -Errno.EINVAL;
        GuestThread? target = FindThread(tid);
        if (target is null || pid != GuestPid) return -Errno.ESRCH;
        if (signal == 0) return 0;
        Post(target, SignalInfo.ThreadKill(signal, GuestPid, 0));
        return 0;
    }

    private static void Post(GuestThread target, in SignalInfo info)
    {
        target.Signals.Post(info);
        if (!target.Signals.Blocked.Contains(info.Signal)) target.Interrupt();
    }

    /// <summary>
    /// Sends the guest a process-wide signal from the host (SIGTERM when the operator stops it): to
    /// the first thread that does not block it, else to the main thread, where it waits until a
    /// thread unblocks it (the sealed platform unblocks SIGTERM inside its ppoll).
    /// </summary>
    public void SendSignal(int signal)
    {
        GuestThread[] threads = AllThreads();
        if (threads.Length == 0) return;
        GuestThread target = threads.FirstOrDefault(t => !t.Signals.Blocked.Contains(signal)) ?? threads.MinBy(t => t.Tid)!;
        Debug($"host signal {signal} to thread {target.Tid}");
        Post(target, SignalInfo.Kill(signal, 0, 0));
        foreach (GuestThread t in threads) t.Interrupt();
    }

    /// <summary>The default action of a signal ended the guest: faults get a crash report, other signals end it quietly; the status is 128 + the signal.</summary>
    internal void KilledBy(GuestThread thread, in SignalInfo info, SignalTrap trap)
    {
        int status = 128 + info.Signal;
        if (LinuxSignal.DefaultAction(info.Signal) == SignalDefaultAction.CoreDump)
        {
            string what = trap.TrapNumber != 0 || info.Signal == LinuxSignal.SIGSEGV
                ? $"signal {info.Signal} (code {info.Code}, address 0x{info.Address:x}) from CPU exception {trap.TrapNumber}, error code 0x{trap.ErrorCode:x}"
                : $"signal {info.Signal} (code {info.Code})";
            Crash(thread, $"{what}, with no handler", status);
            return;
        }
        thread.MarkExited();
        End(status);
    }
}
