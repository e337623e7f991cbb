using System.Buffers.Binary;
using Islet.Monitor.Guest;
using Islet.Monitor.Kvm;
using Islet.Monitor.Memory;
using Islet.Monitor.Signals;

namespace Islet.Monitor.Runtime;

internal sealed partial class GuestThread
{
    private const int PageFaultVector = 14;

    /// <summary>
    /// An exception stub's exit. The stub pushed RDX on the vCPU's exception stack; below it lie the
    /// CPU's frame (the error code for vectors that have one, then RIP, CS, RFLAGS, RSP, SS). A page
    /// fault the address space can back resumes the stub, which returns to the faulting instruction;
    /// anything else becomes the signal Linux would send.
    /// </summary>
    private void HandleException(int vector)
    {
        ref KvmRegs regs = ref Regs;
        ulong stack = regs.Rsp;
        bool hasError = vector is 8 or 10 or 11 or 12 or 13 or 14 or 17 or 21 or 29 or 30;
        Span<byte> frame = _machine.Ram.GetSpan(stack, 8 * (hasError ? 7 : 6));
        ulong savedRdx = BinaryPrimitives.ReadUInt64LittleEndian(frame);
        int at = 8;
        ulong error = 0;
        if (hasError)
        {
            error = BinaryPrimitives.ReadUInt64LittleEndian(frame[at..]);
            at += 8;
        }
        ulong rip = BinaryPrimitives.ReadUInt64LittleEndian(frame[at..]);
        ulong rflags = BinaryPrimitives.ReadUInt64LittleEndian(frame[(at + 16)..]);
        ulong rsp = BinaryPrimitives.ReadUInt64LittleEndian(frame[(at + 24)..]);
        ulong cr2 = Sregs.Cr2;

        if (vector == PageFaultVector)
        {
            Interlocked.Increment(ref _machine._pageFaults);
            var access = (error & 0x10) != 0 ? AccessKind.Execute : (error & 0x2) != 0 ? AccessKind.Write : AccessKind.Read;
            PageFaultOutcome outcome = _machine.Memory.OnPageFault(cr2, access);
            if (outcome == PageFaultOutcome.Mapped)
            {
                // The same fault twice in a row means KVM still holds a stale translation: flush.
                if (IsRepeatFault(cr2)) FlushTranslations();
                // A signal waiting for this thread (the GC suspending it, say) is delivered now,
                // on the user context: return from the exception here instead of through the stub,
                // so that the frame holds the faulting instruction, which runs again afterwards.
                if (Signals.HasDeliverable) ToUserContext(ref regs, savedRdx, rip, rflags, rsp);
                return;
            }
            _lastFaultAddress = ulong.MaxValue;
            if (outcome == PageFaultOutcome.OutOfMemory)
            {
                ToUserContext(ref regs, savedRdx, rip, rflags, rsp);
                _machine.Crash(this, $"out of memory: the guest touched more than its {_machine.Memory.BudgetPages * 4 / 1024} MiB (fault at 0x{cr2:x}); raise --mem", 128 + 9);
                return;
            }
            int code = outcome == PageFaultOutcome.SegvAccessError ? SignalCode.SegvAccessError : SignalCode.SegvMapError;
            ToUserContext(ref regs, savedRdx, rip, rflags, rsp);
            RaiseFault(SignalInfo.Fault(LinuxSignal.SIGSEGV, code, cr2), vector, error, cr2);
            return;
        }

        ToUserContext(ref regs, savedRdx, rip, rflags, rsp);
        SignalInfo info = vector switch
        {
            0 => SignalInfo.Fault(LinuxSignal.SIGFPE, SignalCode.FpeIntegerDivide, rip),
            1 or 3 => SignalInfo.Fault(LinuxSignal.SIGTRAP, SignalCode.TrapBreakpoint, rip),
            4 => SignalInfo.Fault(LinuxSignal.SIGSEGV, SignalCode.Kernel, 0),
            5 => SignalInfo.Fault(LinuxSignal.SIGSEGV, SignalCode.Kernel, 0),
            6 => SignalInfo.Fault(LinuxSignal.SIGILL, SignalCode.IllegalOperand, rip),
            13 => SignalInfo.Fault(LinuxSignal.SIGSEGV, SignalCode.Kernel, 0),
            16 or 19 => SignalInfo.Fault(LinuxSignal.SIGFPE, 0, rip),
            17 => SignalInfo.Fault(LinuxSignal.SIGBUS, SignalCode.BusAddressError, 0),
            _ => default,
        };
        if (info.Signal == 0)
        {
            _machine.Crash(this, $"CPU exception {vector} (error code 0x{error:x}, cr2 0x{cr2:x})", 128 + 11);
            return;
        }
        RaiseFault(info, vector, error, cr2);
    }

    /// <summary>Turns the stopped stub's state back into the interrupted user context: as if the exception had not entered the stub.</summary>
    private void ToUserContext(ref KvmRegs regs, ulong rdx, ulong rip, ulong rflags, ulong rsp)
    {
        regs.Rdx = rdx;
        regs.Rip = rip;
        regs.Rflags = rflags;
        regs.Rsp = rsp;
        RegsChanged();
        EnsureUserSegments();
    }

    /// <summary>Puts CS and SS back to the CPL3 selectors when an exit left the kernel ones (hardware KVM after SYSCALL or an exception).</summary>
    public void EnsureUserSegments()
    {
        ref KvmSregs s = ref Sregs;
        if (s.Cs.Selector == CpuState.UserCodeSelector && s.Ss.Selector == CpuState.UserDataSelector) return;
        Interlocked.Increment(ref _machine._segmentFixes);
        s.Cs = CpuState.UserCode;
        s.Ss = CpuState.UserData;
        SregsChanged();
    }
}
