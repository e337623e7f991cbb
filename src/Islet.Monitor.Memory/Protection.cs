namespace Islet.Monitor.Memory;

/// <summary>Page protection bits as mmap and mprotect take them (PROT_* in <c>asm-generic/mman-common.h</c>).</summary>
[Flags]
public enum Protection
{
    /// <summary>PROT_NONE: a reservation; any access faults.</summary>
    None = 0,

    /// <summary>PROT_READ.</summary>
    Read = 0x1,

    /// <summary>PROT_WRITE (on x86-64 it implies read).</summary>
    Write = 0x2,

    /// <summary>PROT_EXEC: refused for the guest's own calls (EPERM); only image text carries it.</summary>
    Execute = 0x4,

    /// <summary>PROT_SEM: accepted by mprotect and ignored, as on x86-64 Linux.</summary>
    Semaphore = 0x8,

    /// <summary>PROT_GROWSDOWN (mprotect only): extend the change down to the start of a MAP_GROWSDOWN area.</summary>
    GrowsDown = 0x0100_0000,

    /// <summary>PROT_GROWSUP (mprotect only): EINVAL on x86-64, which has no upward-growing areas.</summary>
    GrowsUp = 0x0200_0000,
}
