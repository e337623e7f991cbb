using Islet.Abi;
using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;

namespace Islet.Monitor.Runtime;

public sealed partial class HvtMachine
{
    /// <summary>A handler's answer meaning "the registers are already set; do not return from the syscall" (rt_sigreturn, exit).</summary>
    internal const long NoReturn = long.MinValue;
    private bool _firstPoll;
    private long _syscalls;
    internal long _pageFaults;
    internal long _timeInRun;
    internal long _segmentFixes;

    /// <summary>
    /// The system call the thread stopped in (RAX = number, RDI, RSI, RDX, R10, R8, R9 = arguments):
    /// the ABI table decides first, exactly as spt's seccomp filter does (an errno verdict is
    /// answered as is; a call outside the table answers ENOSYS and is reported once by name);
    /// an allowed call is implemented here. Then the thread returns as SYSRET would.
    /// </summary>
    internal void Syscall(GuestThread thread)
    {
        ref KvmRegs r = ref thread.Regs;
        long number = (long)r.Rax;
        Span<ulong> args = [r.Rdi, r.Rsi, r.Rdx, r.R10, r.R8, r.R9];
        long result;
        SyscallVerdict verdict = number is >= 0 and <= uint.MaxValue
            ? AbiTable.Evaluate(AbiTable.AuditArchX86_64, (uint)number, args, _abi)
            : SyscallVerdict.NotImplemented;
        switch (verdict.Kind)
        {
            case SyscallVerdictKind.Allow:
                try
                {
                    result = Dispatch(thread, number, args);
                }
                catch (GuestMemoryFaultException)
                {
                    result = -Errno.EFAULT;
                }
                break;
            case SyscallVerdictKind.Errno:
                result = -verdict.ErrorNumber;
                if (AbiTable.Find((int)Math.Clamp(number, int.MinValue, int.MaxValue)) is null)
                    ReportOnce(number, $"the guest called {LinuxSyscallNames.Name(number)} ({number}), which is outside the Islet ABI: answered ENOSYS");
                break;
            default:
                Crash(thread, $"the guest made system call {number} through a foreign ABI (x32?)", 128 + 31);
                return;
        }
        Interlocked.Increment(ref _syscalls);
        if (number == 271 && !_firstPoll)
        {
            _firstPoll = true;
            Debug($"first ppoll after {_syscalls} system calls and {_pageFaults} page faults; {Memory.ChargedPages} pages charged; {_timeInRun / 1000} us in KVM_RUN; {_segmentFixes} segment fixes");
        }
        if (_options.TraceSyscalls)
            Report($"[{thread.Tid}] {LinuxSyscallNames.Name(number)}(0x{args[0]:x}, 0x{args[1]:x}, 0x{args[2]:x}, 0x{args[3]:x}) = {(result == NoReturn ? "-" : result.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        if (result == NoReturn) return;
        Complete(thread, result);
    }

    /// <summary>Returns from the system call with <paramref name="result"/>: RIP = RCX, RFLAGS from R11 (as SYSRET), CPL3 segments.</summary>
    internal static void Complete(GuestThread thread, long result)
    {
        ref KvmRegs r = ref thread.Regs;
        r.Rax = (ulong)result;
        r.Rip = r.Rcx;
        r.Rflags = (r.R11 & 0x3C_7FD7) | 2;
        thread.RegsChanged();
        thread.EnsureUserSegments();
    }

    private long Dispatch(GuestThread t, long number, ReadOnlySpan<ulong> a) => number switch
    {
        0 => Read(a[0], a[1], a[2]),
        1 => Write(a[0], a[1], a[2]),
        3 => -Errno.EBADF,
        5 => Fstat((int)a[0], a[1]),
        9 => Memory.Mmap(a[0], a[1], (int)a[2], (int)a[3]),
        10 => Memory.Mprotect(a[0], a[1], (int)a[2]),
        11 => Memory.Munmap(a[0], a[1]),
        12 => Memory.Brk(a[0]),
        13 => SigAction(t, a),
        14 => SigProcMask(t, a),
        15 => SigReturn(t),
        17 => Pread(a[0], a[1], a[2], (long)a[3]),
        18 => Pwrite(a[0], a[1], a[2], (long)a[3]),
        19 => ReadV(a[0], a[1], a[2]),
        20 => WriteV(a[0], a[1], a[2]),
        24 => Yield(),
        28 => Memory.Madvise(a[0], a[1], (int)a[2]),
        35 => Sleep(t, SleepClock.Monotonic, relative: true, a[0], a[1]),
        39 => GuestPid,
        44 => SendTo(a[0], a[1], a[2], (int)a[3]),
        45 => RecvFrom(a[0], a[1], a[2], (int)a[3], a[4], a[5]),
        56 => Clone(t, a),
        60 => ExitThread(t),
        63 => Uname(a[0]),
        72 => Fcntl(a[0], (int)a[1], a[2]),
        75 => Fdatasync(a[0]),
        96 => GetTimeOfDay(a[0]),
        98 => GetRusage(a[1]),
        99 => SysInfo(a[0]),
        131 => SigAltStack(t, a),
        157 => Prctl(t, (int)a[0], a[1]),
        158 => ArchPrctl(t, (int)a[0], a[1]),
        186 => t.Tid,
        201 => Time(a[0]),
        202 => Futex(t, a),
        204 => SchedGetAffinity(a[1], a[2]),
        218 => SetTidAddress(t, a[0]),
        219 => -Errno.EINTR,
        228 => ClockGetTime((int)a[0], a[1]),
        230 => ClockNanosleep(t, (int)a[0], (int)a[1], a[2], a[3]),
        231 => ExitGroup((int)a[0]),
        234 => TgKill(t, (int)a[0], (int)a[1], (int)a[2]),
        271 => Ppoll(t, a[0], a[1], a[2], a[3], a[4]),
        273 => 0,
        299 => RecvMmsg(a[0], a[1], a[2], (int)a[3], a[4]),
        302 => Prlimit((int)a[1], a[3]),
        307 => SendMmsg(a[0], a[1], a[2], (int)a[3]),
        309 => GetCpu(a[0], a[1]),
        318 => GetRandom(a[0], a[1]),
        322 => -Errno.EBADF,
        324 => Membarrier(t, (int)a[0]),
        334 => -Errno.ENOSYS,
        _ => UnimplementedAllowed(number),
    };

    private long UnimplementedAllowed(long number)
    {
        ReportOnce(number, $"the guest called {LinuxSyscallNames.Name(number)} ({number}), which the ABI allows but the monitor does not implement: answered ENOSYS");
        return -Errno.ENOSYS;
    }

    private long GetCpu(ulong cpu, ulong node)
    {
        if (cpu != 0) Memory.WriteUInt32(cpu, 0);
        if (node != 0) Memory.WriteUInt32(node, 0);
        return 0;
    }

    private static long Yield()
    {
        Thread.Yield();
        return 0;
    }
}
