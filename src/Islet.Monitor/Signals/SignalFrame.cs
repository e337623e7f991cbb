using System.Buffers.Binary;
using Islet.Monitor.Guest;
using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;
using Islet.Monitor.Signals.Internal;
using L = Islet.Monitor.Signals.Internal.SignalFrameLayout;

namespace Islet.Monitor.Signals;

/// <summary>
/// Builds and takes down the x86-64 Linux signal frame on the guest stack, as the kernel does
/// (arch/x86/kernel/signal.c get_sigframe, signal_64.c x64_setup_rt_frame and sys_rt_sigreturn,
/// fpu/signal.c). Pure logic over <see cref="IGuestMemory"/>: the caller moves registers and XSAVE
/// state to and from the vCPU.
/// </summary>
/// <remarks>
/// Frames live at the guest's stack addresses, so the memory passed in must take guest-virtual
/// (user) addresses and refuse those the guest cannot write, faulting as
/// <see cref="GuestMemoryFaultException"/>.
/// </remarks>
public static partial class SignalFrame
{
    /// <summary>
    /// Delivers <paramref name="info"/> to the handler of <paramref name="action"/> on a thread
    /// interrupted with <paramref name="current"/> and <paramref name="xsave"/> (KVM_GET_XSAVE bytes,
    /// at least <see cref="XstateFormat.Size"/>). Writes the XSAVE area (64-byte aligned, with the
    /// FP_XSTATE_MAGIC1 software bytes and FP_XSTATE_MAGIC2 after it) and the rt_sigframe below the
    /// red zone, or at the top of the alternate stack for SA_ONSTACK when the thread is not already
    /// on it, aligned so that (RSP + 8) % 16 == 0 at handler entry. The siginfo is always written.
    /// On success the thread's blocked mask becomes old | sa_mask | the signal (unless SA_NODEFER).
    /// SA_RESETHAND is applied when taking the action (<see cref="SignalActionTable.TakeForDelivery"/>).
    /// </summary>
    /// <returns>The handler's registers, or <see cref="SignalDelivery.Failed"/> when the frame cannot be written.</returns>
    /// <exception cref="ArgumentException">The action has no handler, or <paramref name="xsave"/> is shorter than the format's size.</exception>
    public static SignalDelivery Deliver(IGuestMemory memory, in KvmRegs current, ReadOnlySpan<byte> xsave, XstateFormat format,
        in SignalInfo info, SignalAction action, ThreadSignals thread, SignalTrap trap = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(thread);
        format.Validate();
        if (!action.HasHandler) throw new ArgumentException("The action has no handler (SIG_DFL or SIG_IGN).", nameof(action));
        if (xsave.Length < format.Size) throw new ArgumentException("The XSAVE area is shorter than the format's size.", nameof(xsave));
        if ((action.Flags & SignalActionFlags.Restorer) == 0) return SignalDelivery.Failed; // x86-64 requires SA_RESTORER

        if (!TryPlace(current.Rsp, format, action, thread, out ulong fpstate, out ulong frame)) return SignalDelivery.Failed;
        SignalSet oldBlocked = thread.Blocked;
        Span<byte> bytes = stackalloc byte[L.FrameSize];
        WriteFrame(bytes, current, action, info, trap, thread.AltStackForFrame(current.Rsp), oldBlocked, fpstate);
        try
        {
            WriteXstate(memory, fpstate, xsave, format);
            memory.Write(frame, bytes);
        }
        catch (GuestMemoryFaultException)
        {
            return SignalDelivery.Failed;
        }

        KvmRegs regs = current;
        regs.Rdi = (ulong)info.Signal;
        regs.Rax = 0;
        regs.Rsi = frame + L.Info;
        regs.Rdx = frame + L.Ucontext;
        regs.Rip = action.Handler;
        regs.Rsp = frame;
        regs.Rflags &= ~(L.FlagDirection | L.FlagResume | L.FlagTrap);
        SignalSet blocked = oldBlocked.Union(action.Mask);
        if ((action.Flags & SignalActionFlags.NoDefer) == 0) blocked = blocked.With(info.Signal);
        blocked = blocked.Except(SignalSet.KernelOnly);
        thread.CommitDelivery(blocked);
        return new SignalDelivery(true, regs, blocked, frame);
    }

    // get_sigframe: the stack, the FP area below it and the frame below that.
    private static bool TryPlace(ulong rsp, XstateFormat format, SignalAction action, ThreadSignals thread,
        out ulong fpstate, out ulong frame)
    {
        SignalAltStack alt = thread.AltStack;
        bool nested = thread.IsOnAltStack(rsp);
        bool entering = false;
        ulong sp = unchecked(rsp - L.RedZone);
        if ((action.Flags & SignalActionFlags.OnStack) != 0 && thread.AltStackModeAt(sp) == 0)
        {
            sp = unchecked(alt.Pointer + alt.Size);
            entering = true;
        }
        fpstate = unchecked(sp - (ulong)(format.Size + L.Magic2Size)) & ~63UL;
        frame = unchecked((fpstate - L.FrameSize & ~15UL) - 8);
        // Overflowing the alternate stack would corrupt what lies below it: refuse (SIGSEGV).
        return !((nested || entering) && !alt.Contains(frame)) && fpstate >= L.FrameSize + 8;
    }

    private static void WriteXstate(IGuestMemory memory, ulong fpstate, ReadOnlySpan<byte> xsave, XstateFormat format)
    {
        Span<byte> sw = stackalloc byte[L.SwReservedSize];
        sw.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(sw[L.SwMagic1..], L.Magic1);
        BinaryPrimitives.WriteUInt32LittleEndian(sw[L.SwExtendedSize..], (uint)(format.Size + L.Magic2Size));
        BinaryPrimitives.WriteUInt64LittleEndian(sw[L.SwXfeatures..], format.Xcr0);
        BinaryPrimitives.WriteUInt32LittleEndian(sw[L.SwXstateSize..], (uint)format.Size);
        Span<byte> word = stackalloc byte[8];
        memory.Write(fpstate, xsave[..L.SwReserved]);
        memory.Write(fpstate + L.SwReserved, sw);
        // The kernel always sets the x87/SSE bits, so legacy programs' edits to the FXSAVE region take effect.
        BinaryPrimitives.WriteUInt64LittleEndian(word, BinaryPrimitives.ReadUInt64LittleEndian(xsave[L.XstateBv..]) | XstateFormat.FpSse);
        memory.Write(fpstate + L.XstateBv, word);
        memory.Write(fpstate + L.XstateBv + 8, xsave[(L.XstateBv + 8)..format.Size]);
        BinaryPrimitives.WriteUInt32LittleEndian(word, L.Magic2);
        memory.Write(fpstate + (ulong)format.Size, word[..L.Magic2Size]);
    }

    private static void WriteFrame(Span<byte> f, in KvmRegs r, SignalAction action, in SignalInfo info, SignalTrap trap,
        SignalAltStack stack, SignalSet blocked, ulong fpstate)
    {
        f.Clear();
        Put(f, L.Pretcode, action.Restorer);
        Span<byte> uc = f[L.Ucontext..L.Info];
        Put(uc, L.UcFlags, L.UcFpXstate | L.UcSigcontextSs | L.UcStrictRestoreSs);
        Put(uc, L.UcLink, 0);
        stack.Write(uc[L.UcStack..]);
        Span<byte> sc = uc[L.UcMcontext..L.UcSigmask];
        Put(sc, L.R8, r.R8); Put(sc, L.R9, r.R9); Put(sc, L.R10, r.R10); Put(sc, L.R11, r.R11);
        Put(sc, L.R12, r.R12); Put(sc, L.R13, r.R13); Put(sc, L.R14, r.R14); Put(sc, L.R15, r.R15);
        Put(sc, L.Rdi, r.Rdi); Put(sc, L.Rsi, r.Rsi); Put(sc, L.Rbp, r.Rbp); Put(sc, L.Rbx, r.Rbx);
        Put(sc, L.Rdx, r.Rdx); Put(sc, L.Rax, r.Rax); Put(sc, L.Rcx, r.Rcx); Put(sc, L.Rsp, r.Rsp);
        Put(sc, L.Rip, r.Rip); Put(sc, L.Eflags, r.Rflags);
        BinaryPrimitives.WriteUInt16LittleEndian(sc[L.Cs..], CpuState.UserCodeSelector);
        BinaryPrimitives.WriteUInt16LittleEndian(sc[L.Ss..], CpuState.UserDataSelector);
        Put(sc, L.Err, trap.ErrorCode);
        Put(sc, L.Trapno, trap.TrapNumber);
        Put(sc, L.Oldmask, blocked.Bits);
        Put(sc, L.Cr2, trap.Cr2);
        Put(sc, L.Fpstate, fpstate);
        Put(uc, L.UcSigmask, blocked.Bits);
        info.Write(f[L.Info..]);
    }

    private static void Put(Span<byte> span, int offset, ulong value) =>
        BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], value);
}
