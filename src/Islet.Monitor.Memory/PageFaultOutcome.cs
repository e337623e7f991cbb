namespace Islet.Monitor.Memory;

/// <summary>What the monitor does about a guest page fault.</summary>
public enum PageFaultOutcome
{
    /// <summary>Apply the queued updates (they include the <see cref="PageFaultResult.Map"/>) and resume the guest.</summary>
    Mapped,

    /// <summary>Deliver SIGSEGV with si_code SEGV_MAPERR (1): nothing is mapped at the address.</summary>
    SegvMapError,

    /// <summary>Deliver SIGSEGV with si_code SEGV_ACCERR (2): the access is not allowed by the area's protection.</summary>
    SegvAccessError,

    /// <summary>The physical page budget is spent: the guest is out of memory (Linux would OOM-kill it).</summary>
    OutOfMemory,
}
