namespace Islet.Monitor.Signals.Internal;

/// <summary>
/// Byte offsets of the x86-64 rt_sigframe (arch/x86/include/asm/sigframe.h), its ucontext
/// (asm/ucontext.h), struct sigcontext (asm/sigcontext.h) and the FP state's software-reserved
/// bytes; tests compare them with the installed kernel headers.
/// </summary>
internal static class SignalFrameLayout
{
    // struct rt_sigframe { char *pretcode; struct ucontext uc; struct siginfo info; }
    public const int Pretcode = 0;
    public const int Ucontext = 8;
    public const int Info = Ucontext + UcontextSize;
    public const int FrameSize = Info + SignalInfo.Size;

    // struct ucontext
    public const int UcFlags = 0;
    public const int UcLink = 8;
    public const int UcStack = 16;
    public const int UcMcontext = 40;
    public const int UcSigmask = UcMcontext + SigcontextSize;
    public const int UcontextSize = UcSigmask + SignalSet.Size;

    // uc_flags bits
    public const ulong UcFpXstate = 0x1;
    public const ulong UcSigcontextSs = 0x2;
    public const ulong UcStrictRestoreSs = 0x4;

    // struct sigcontext (64-bit)
    public const int R8 = 0, R9 = 8, R10 = 16, R11 = 24, R12 = 32, R13 = 40, R14 = 48, R15 = 56;
    public const int Rdi = 64, Rsi = 72, Rbp = 80, Rbx = 88, Rdx = 96, Rax = 104, Rcx = 112, Rsp = 120;
    public const int Rip = 128, Eflags = 136, Cs = 144, Gs = 146, Fs = 148, Ss = 150;
    public const int Err = 152, Trapno = 160, Oldmask = 168, Cr2 = 176, Fpstate = 184, Reserved1 = 192;
    public const int SigcontextSize = 256;

    // The FXSAVE region's sw_reserved bytes: struct _fpx_sw_bytes
    public const int SwReserved = 464;
    public const int SwReservedSize = 48;
    public const int SwMagic1 = 0, SwExtendedSize = 4, SwXfeatures = 8, SwXstateSize = 16;
    public const uint Magic1 = 0x46505853; // FP_XSTATE_MAGIC1 "SXPF"
    public const uint Magic2 = 0x46505845; // FP_XSTATE_MAGIC2 "EXPF"
    public const int Magic2Size = 4;

    // The FXSAVE region and XSAVE header
    public const int Fcw = 0;
    public const int Mxcsr = 24;
    public const int XstateBv = 512;
    public const int XcompBv = 520;
    public const ushort FcwInit = 0x37F;
    public const uint MxcsrInit = 0x1F80;
    public const uint MxcsrReserved = 0xFFFF_0000;

    // The normal stack's red zone, skipped below the interrupted RSP.
    public const ulong RedZone = 128;

    // RFLAGS bits
    public const ulong FlagTrap = 0x100, FlagDirection = 0x400, FlagResume = 0x10000;

    // FIX_EFLAGS: the RFLAGS bits rt_sigreturn takes from the frame (AC OF DF TF SF ZF AF PF CF RF).
    public const ulong UserChangeableFlags = 0x40000 | 0x800 | 0x400 | 0x100 | 0x80 | 0x40 | 0x10 | 0x4 | 0x1 | 0x10000;
}
