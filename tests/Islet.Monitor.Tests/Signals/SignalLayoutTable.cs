using Islet.Monitor.Signals;
using Islet.Monitor.Signals.Internal;
using Islet.Monitor.Tests.Kvm;
using L = Islet.Monitor.Signals.Internal.SignalFrameLayout;

namespace Islet.Monitor.Tests.Signals;

/// <summary>The signal ABI's offsets and constants as C expressions over the kernel's uapi headers.</summary>
internal static class SignalLayoutTable
{
    /// <summary>The kernel's rt_sigframe (arch/x86/include/asm/sigframe.h), which is not in the uapi headers.</summary>
    public const string Prelude = "struct rt_sigframe { char *pretcode; struct ucontext uc; siginfo_t info; };";

    public static IReadOnlyList<(string Expression, ulong Value)> Build()
    {
        var r = new LayoutRecorder();
        r.Constant("sizeof(struct rt_sigframe)", L.FrameSize);
        r.Constant("offsetof(struct rt_sigframe, pretcode)", L.Pretcode);
        r.Constant("offsetof(struct rt_sigframe, uc)", L.Ucontext);
        r.Constant("offsetof(struct rt_sigframe, info)", L.Info);

        r.Constant("sizeof(struct ucontext)", L.UcontextSize);
        r.Constant("offsetof(struct ucontext, uc_flags)", L.UcFlags);
        r.Constant("offsetof(struct ucontext, uc_link)", L.UcLink);
        r.Constant("offsetof(struct ucontext, uc_stack)", L.UcStack);
        r.Constant("offsetof(struct ucontext, uc_mcontext)", L.UcMcontext);
        r.Constant("offsetof(struct ucontext, uc_sigmask)", L.UcSigmask);
        r.Constant("UC_FP_XSTATE", L.UcFpXstate);
        r.Constant("UC_SIGCONTEXT_SS", L.UcSigcontextSs);
        r.Constant("UC_STRICT_RESTORE_SS", L.UcStrictRestoreSs);

        r.Constant("sizeof(struct sigcontext)", L.SigcontextSize);
        foreach (var (member, offset) in new (string, int)[]
                 {
                     ("r8", L.R8), ("r9", L.R9), ("r10", L.R10), ("r11", L.R11), ("r12", L.R12), ("r13", L.R13), ("r14", L.R14),
                     ("r15", L.R15), ("rdi", L.Rdi), ("rsi", L.Rsi), ("rbp", L.Rbp), ("rbx", L.Rbx), ("rdx", L.Rdx), ("rax", L.Rax),
                     ("rcx", L.Rcx), ("rsp", L.Rsp), ("rip", L.Rip), ("eflags", L.Eflags), ("cs", L.Cs), ("gs", L.Gs), ("fs", L.Fs),
                     ("ss", L.Ss), ("err", L.Err), ("trapno", L.Trapno), ("oldmask", L.Oldmask), ("cr2", L.Cr2),
                     ("fpstate", L.Fpstate), ("reserved1", L.Reserved1),
                 })
            r.Constant($"offsetof(struct sigcontext, {member})", (ulong)offset);

        r.Constant("sizeof(struct _fpstate_64)", XstateFormat.LegacySize);
        r.Constant("offsetof(struct _fpstate_64, cwd)", L.Fcw);
        r.Constant("offsetof(struct _fpstate_64, mxcsr)", L.Mxcsr);
        r.Constant("offsetof(struct _fpstate_64, sw_reserved)", L.SwReserved);
        r.Constant("sizeof(struct _fpx_sw_bytes)", L.SwReservedSize);
        r.Constant("offsetof(struct _fpx_sw_bytes, magic1)", L.SwMagic1);
        r.Constant("offsetof(struct _fpx_sw_bytes, extended_size)", L.SwExtendedSize);
        r.Constant("offsetof(struct _fpx_sw_bytes, xfeatures)", L.SwXfeatures);
        r.Constant("offsetof(struct _fpx_sw_bytes, xstate_size)", L.SwXstateSize);
        r.Constant("offsetof(struct _xstate, xstate_hdr)", L.XstateBv);
        r.Constant("offsetof(struct _xstate, xstate_hdr.reserved1)", L.XcompBv);
        r.Constant("sizeof(struct _xstate) - sizeof(struct _ymmh_state)", XstateFormat.MinimumSize);
        r.Constant("FP_XSTATE_MAGIC1", L.Magic1);
        r.Constant("FP_XSTATE_MAGIC2", L.Magic2);
        r.Constant("FP_XSTATE_MAGIC2_SIZE", L.Magic2Size);

        r.Constant("sizeof(siginfo_t)", SignalInfo.Size);
        r.Constant("offsetof(siginfo_t, si_signo)", 0);
        r.Constant("offsetof(siginfo_t, si_errno)", 4);
        r.Constant("offsetof(siginfo_t, si_code)", 8);
        r.Constant("offsetof(siginfo_t, si_addr)", 16);
        r.Constant("offsetof(siginfo_t, si_pid)", 16);
        r.Constant("offsetof(siginfo_t, si_uid)", 20);
        r.Constant("offsetof(siginfo_t, si_value)", 24);
        r.Constant("(unsigned long long)(long long)SI_TKILL", unchecked((ulong)SignalCode.ThreadKill));
        r.Constant("(unsigned long long)(long long)SI_QUEUE", unchecked((ulong)SignalCode.Queue));
        r.Constant("SI_USER", SignalCode.User);
        r.Constant("SI_KERNEL", SignalCode.Kernel);
        r.Constant("SEGV_MAPERR", SignalCode.SegvMapError);
        r.Constant("SEGV_ACCERR", SignalCode.SegvAccessError);
        r.Constant("FPE_INTDIV", SignalCode.FpeIntegerDivide);
        r.Constant("ILL_ILLOPN", SignalCode.IllegalOperand);
        r.Constant("BUS_ADRERR", SignalCode.BusAddressError);
        r.Constant("TRAP_BRKPT", SignalCode.TrapBreakpoint);

        r.Constant("sizeof(stack_t)", SignalAltStack.StructSize);
        r.Constant("offsetof(stack_t, ss_sp)", 0);
        r.Constant("offsetof(stack_t, ss_flags)", 8);
        r.Constant("offsetof(stack_t, ss_size)", 16);
        r.Constant("SS_ONSTACK", SignalAltStack.OnStack);
        r.Constant("SS_DISABLE", SignalAltStack.Disable);
        r.Constant("SS_AUTODISARM", unchecked((uint)SignalAltStack.AutoDisarm));
        r.Constant("MINSIGSTKSZ", SignalAltStack.MinimumSize);

        r.Constant("sizeof(sigset_t)", SignalSet.Size);
        r.Constant("SIG_BLOCK", ThreadSignals.Block);
        r.Constant("SIG_UNBLOCK", ThreadSignals.Unblock);
        r.Constant("SIG_SETMASK", ThreadSignals.SetMask);
        r.Constant("(unsigned long)SIG_DFL", SignalAction.Default);
        r.Constant("(unsigned long)SIG_IGN", SignalAction.Ignore);
        foreach (SignalActionFlags flag in Enum.GetValues<SignalActionFlags>())
        {
            if (flag == SignalActionFlags.None) continue;
            r.Constant(FlagName(flag), (ulong)flag);
        }
        r.Constant("sizeof(sigset_t) * 8", LinuxSignal.Count);
        foreach (var (name, number) in new (string, int)[]
                 {
                     ("SIGHUP", LinuxSignal.SIGHUP), ("SIGILL", LinuxSignal.SIGILL), ("SIGTRAP", LinuxSignal.SIGTRAP),
                     ("SIGABRT", LinuxSignal.SIGABRT), ("SIGBUS", LinuxSignal.SIGBUS), ("SIGFPE", LinuxSignal.SIGFPE),
                     ("SIGKILL", LinuxSignal.SIGKILL), ("SIGUSR1", LinuxSignal.SIGUSR1), ("SIGSEGV", LinuxSignal.SIGSEGV),
                     ("SIGCHLD", LinuxSignal.SIGCHLD), ("SIGCONT", LinuxSignal.SIGCONT), ("SIGSTOP", LinuxSignal.SIGSTOP),
                     ("SIGURG", LinuxSignal.SIGURG), ("SIGWINCH", LinuxSignal.SIGWINCH), ("SIGSYS", LinuxSignal.SIGSYS),
                     ("SIGRTMIN", LinuxSignal.FirstRealTime),
                 })
            r.Constant(name, (ulong)number);
        return r.Entries;
    }

    private static string FlagName(SignalActionFlags flag) => flag switch
    {
        SignalActionFlags.NoChildStop => "SA_NOCLDSTOP",
        SignalActionFlags.NoChildWait => "SA_NOCLDWAIT",
        SignalActionFlags.SigInfo => "SA_SIGINFO",
        SignalActionFlags.ExposeTagBits => "SA_EXPOSE_TAGBITS",
        SignalActionFlags.Restorer => "SA_RESTORER",
        SignalActionFlags.OnStack => "SA_ONSTACK",
        SignalActionFlags.Restart => "SA_RESTART",
        SignalActionFlags.NoDefer => "SA_NODEFER",
        SignalActionFlags.ResetHand => "SA_RESETHAND",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };
}
