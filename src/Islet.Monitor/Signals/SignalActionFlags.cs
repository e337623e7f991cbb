namespace Islet.Monitor.Signals;

/// <summary>The sa_flags bits of struct sigaction (asm-generic/signal-defs.h, x86 SA_RESTORER).</summary>
[Flags]
public enum SignalActionFlags : ulong
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>SA_NOCLDSTOP: no SIGCHLD when a child stops.</summary>
    NoChildStop = 0x1,

    /// <summary>SA_NOCLDWAIT: do not turn children into zombies.</summary>
    NoChildWait = 0x2,

    /// <summary>SA_SIGINFO: the handler takes (signo, siginfo_t*, ucontext*).</summary>
    SigInfo = 0x4,

    /// <summary>SA_EXPOSE_TAGBITS: keep address tag bits in si_addr (meaningless on x86).</summary>
    ExposeTagBits = 0x800,

    /// <summary>SA_RESTORER: sa_restorer holds the return trampoline; x86-64 handlers require it.</summary>
    Restorer = 0x0400_0000,

    /// <summary>SA_ONSTACK: run the handler on the alternate signal stack if one is set up.</summary>
    OnStack = 0x0800_0000,

    /// <summary>SA_RESTART: restart interruptible system calls after the handler.</summary>
    Restart = 0x1000_0000,

    /// <summary>SA_NODEFER: do not block the signal itself while its handler runs.</summary>
    NoDefer = 0x4000_0000,

    /// <summary>SA_RESETHAND: reset the handler to SIG_DFL when the signal is delivered.</summary>
    ResetHand = 0x8000_0000,
}
