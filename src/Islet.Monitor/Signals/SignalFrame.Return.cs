using System.Buffers.Binary;
using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;
using Islet.Monitor.Signals.Internal;
using L = Islet.Monitor.Signals.Internal.SignalFrameLayout;

namespace Islet.Monitor.Signals;

public static partial class SignalFrame
{
    /// <summary>
    /// rt_sigreturn for a thread at <paramref name="current"/>, whose handler's <c>ret</c> popped
    /// the pretcode: the frame is at RSP - 8. Restores every general register, RIP and the
    /// user-changeable RFLAGS bits (AC OF DF TF SF ZF AF PF CF RF) from the sigcontext – including
    /// any edits the handler made – and the blocked mask and alternate stack from the ucontext. The
    /// FP state is written to <paramref name="xsave"/> (at least <see cref="XstateFormat.Size"/>
    /// bytes) for KVM_SET_XSAVE: the frame's XSAVE area when its magic numbers are valid (the XSAVE
    /// header's component bits limited to XCR0 and the frame's xfeatures), only its FXSAVE region
    /// when they are not, or the initial state when the fpstate pointer is 0. The sigcontext's CS
    /// and SS are ignored: the monitor keeps its own user selectors.
    /// </summary>
    /// <returns>
    /// The registers to resume with, or <see cref="SignalReturn.BadFrame"/> (nothing changed) when
    /// the frame is outside guest memory or its FP state would fault XRSTOR (the thread is unchanged;
    /// <paramref name="xsave"/> then holds nothing useful): misaligned, a nonzero
    /// XCOMP_BV, a component outside XCR0, or reserved MXCSR bits.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="xsave"/> is shorter than the format's size.</exception>
    public static SignalReturn Return(IGuestMemory memory, in KvmRegs current, Span<byte> xsave, XstateFormat format, ThreadSignals thread)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(thread);
        format.Validate();
        if (xsave.Length < format.Size) throw new ArgumentException("The XSAVE buffer is shorter than the format's size.", nameof(xsave));

        ulong frame = unchecked(current.Rsp - 8);
        Span<byte> uc = stackalloc byte[L.UcontextSize];
        if (!GuestAccess.TryRead(memory, unchecked(frame + L.Ucontext), uc)) return SignalReturn.BadFrame;
        ReadOnlySpan<byte> sc = uc[L.UcMcontext..L.UcSigmask];
        KvmRegs regs = current;
        regs.R8 = Get(sc, L.R8); regs.R9 = Get(sc, L.R9); regs.R10 = Get(sc, L.R10); regs.R11 = Get(sc, L.R11);
        regs.R12 = Get(sc, L.R12); regs.R13 = Get(sc, L.R13); regs.R14 = Get(sc, L.R14); regs.R15 = Get(sc, L.R15);
        regs.Rdi = Get(sc, L.Rdi); regs.Rsi = Get(sc, L.Rsi); regs.Rbp = Get(sc, L.Rbp); regs.Rbx = Get(sc, L.Rbx);
        regs.Rdx = Get(sc, L.Rdx); regs.Rax = Get(sc, L.Rax); regs.Rcx = Get(sc, L.Rcx); regs.Rsp = Get(sc, L.Rsp);
        regs.Rip = Get(sc, L.Rip);
        regs.Rflags = (current.Rflags & ~L.UserChangeableFlags) | (Get(sc, L.Eflags) & L.UserChangeableFlags);

        if (!TryRestoreXstate(memory, Get(sc, L.Fpstate), xsave[..format.Size], format)) return SignalReturn.BadFrame;
        thread.CommitReturn(new SignalSet(Get(uc, L.UcSigmask)), SignalAltStack.Read(uc[L.UcStack..]), regs.Rsp);
        return new SignalReturn(true, regs);
    }

    // fpu__restore_sig for a 64-bit frame, producing the state XRSTOR/FXRSTOR would load.
    private static bool TryRestoreXstate(IGuestMemory memory, ulong fpstate, Span<byte> xsave, XstateFormat format)
    {
        xsave.Clear();
        if (fpstate == 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(xsave[L.Fcw..], L.FcwInit);
            BinaryPrimitives.WriteUInt32LittleEndian(xsave[L.Mxcsr..], L.MxcsrInit);
            return true;
        }
        Span<byte> sw = stackalloc byte[L.SwReservedSize];
        if (!GuestAccess.TryRead(memory, unchecked(fpstate + L.SwReserved), sw)) return false;
        uint xstateSize = BinaryPrimitives.ReadUInt32LittleEndian(sw[L.SwXstateSize..]);
        bool xsaveFrame = BinaryPrimitives.ReadUInt32LittleEndian(sw[L.SwMagic1..]) == L.Magic1
            && xstateSize >= XstateFormat.MinimumSize && xstateSize <= format.Size
            && xstateSize <= BinaryPrimitives.ReadUInt32LittleEndian(sw[L.SwExtendedSize..]);
        if (xsaveFrame)
        {
            Span<byte> magic2 = stackalloc byte[L.Magic2Size];
            if (!GuestAccess.TryRead(memory, unchecked(fpstate + xstateSize), magic2)) return false;
            xsaveFrame = BinaryPrimitives.ReadUInt32LittleEndian(magic2) == L.Magic2;
        }
        if (!xsaveFrame)
        {
            // FXRSTOR of the legacy region; every other component returns to its initial state.
            if (fpstate % 16 != 0 || !GuestAccess.TryRead(memory, fpstate, xsave[..L.SwReserved])) return false;
            BinaryPrimitives.WriteUInt64LittleEndian(xsave[L.XstateBv..], XstateFormat.FpSse);
            return MxcsrValid(xsave);
        }
        ulong features = format.Xcr0 & BinaryPrimitives.ReadUInt64LittleEndian(sw[L.SwXfeatures..]);
        if (fpstate % 64 != 0 || !GuestAccess.TryRead(memory, fpstate, xsave)) return false;
        xsave[L.SwReserved..L.XstateBv].Clear();
        ulong present = BinaryPrimitives.ReadUInt64LittleEndian(xsave[L.XstateBv..]);
        bool headerValid = (present & ~format.Xcr0) == 0
            && BinaryPrimitives.ReadUInt64LittleEndian(xsave[L.XcompBv..]) == 0
            && BinaryPrimitives.ReadUInt64LittleEndian(xsave[(L.XcompBv + 8)..]) == 0;
        if (!headerValid) return false;
        // Components outside the requested features are initialised rather than loaded.
        BinaryPrimitives.WriteUInt64LittleEndian(xsave[L.XstateBv..], present & features);
        return (features & 0x6) == 0 || MxcsrValid(xsave);
    }

    private static bool MxcsrValid(ReadOnlySpan<byte> xsave) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(xsave[L.Mxcsr..]) & L.MxcsrReserved) == 0;

    private static ulong Get(ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]);
}
