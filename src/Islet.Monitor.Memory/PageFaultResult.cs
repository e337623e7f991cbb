namespace Islet.Monitor.Memory;

/// <summary>The answer to <see cref="GuestAddressSpace.OnPageFault(ulong, AccessKind)"/>.</summary>
/// <param name="Outcome">What to do.</param>
/// <param name="Map">With <see cref="PageFaultOutcome.Mapped"/>: the page mapping that resolves the fault (also queued); otherwise null.</param>
public readonly record struct PageFaultResult(PageFaultOutcome Outcome, MapPage? Map)
{
    /// <summary>The Linux si_code for the SIGSEGV: 1 (SEGV_MAPERR), 2 (SEGV_ACCERR), or 0 when no signal is due.</summary>
    public int SignalCode => Outcome switch
    {
        PageFaultOutcome.SegvMapError => 1,
        PageFaultOutcome.SegvAccessError => 2,
        _ => 0,
    };
}
