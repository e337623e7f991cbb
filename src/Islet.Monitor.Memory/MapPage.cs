namespace Islet.Monitor.Memory;

/// <summary>
/// Map the guest-physical page <paramref name="PhysicalAddress"/> at <see cref="PageTableUpdate.VirtualAddress"/>
/// with <paramref name="Protection"/> (never <see cref="Protection.None"/>). When <paramref name="MustZero"/>
/// is set, the monitor must zero the physical page first: it held an earlier mapping's data. A page
/// never handed out before is already zero (fresh anonymous host memory) and is not zeroed again.
/// </summary>
/// <param name="VirtualAddress">The page's guest-virtual address.</param>
/// <param name="PhysicalAddress">The guest-physical page to map (page-aligned).</param>
/// <param name="Protection">The page's permissions.</param>
/// <param name="MustZero">Whether the physical page must be zeroed before the guest sees it.</param>
public sealed record MapPage(ulong VirtualAddress, ulong PhysicalAddress, Protection Protection, bool MustZero)
    : PageTableUpdate(VirtualAddress);
