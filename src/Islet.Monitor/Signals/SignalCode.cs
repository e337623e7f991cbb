namespace Islet.Monitor.Signals;

/// <summary>si_code values (asm-generic/siginfo.h): who sent a signal, or why a fault raised it.</summary>
public static class SignalCode
{
    /// <summary>SI_USER: sent by kill.</summary>
    public const int User = 0;

    /// <summary>SI_KERNEL: sent by the kernel (for example a #GP without an address).</summary>
    public const int Kernel = 0x80;

    /// <summary>SI_QUEUE: sent by sigqueue.</summary>
    public const int Queue = -1;

    /// <summary>SI_TKILL: sent by tkill or tgkill.</summary>
    public const int ThreadKill = -6;

    /// <summary>SEGV_MAPERR: address not mapped.</summary>
    public const int SegvMapError = 1;

    /// <summary>SEGV_ACCERR: invalid permissions for a mapped address.</summary>
    public const int SegvAccessError = 2;

    /// <summary>BUS_ADRERR: nonexistent physical address.</summary>
    public const int BusAddressError = 2;

    /// <summary>FPE_INTDIV: integer divide by zero.</summary>
    public const int FpeIntegerDivide = 1;

    /// <summary>FPE_INTOVF: integer overflow.</summary>
    public const int FpeIntegerOverflow = 2;

    /// <summary>ILL_ILLOPN: illegal operand (#UD).</summary>
    public const int IllegalOperand = 2;

    /// <summary>TRAP_BRKPT: process breakpoint (int3).</summary>
    public const int TrapBreakpoint = 1;
}
