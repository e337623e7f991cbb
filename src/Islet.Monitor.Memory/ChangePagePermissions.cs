namespace Islet.Monitor.Memory;

/// <summary>
/// A resident page's protection changed: map <paramref name="PhysicalAddress"/> at
/// <see cref="PageTableUpdate.VirtualAddress"/> with <paramref name="Protection"/>. With
/// <see cref="Protection.None"/> the page must be made not-present, but its contents are kept (a
/// later change back to a readable protection maps the same physical page again).
/// </summary>
/// <param name="VirtualAddress">The page's guest-virtual address.</param>
/// <param name="PhysicalAddress">The guest-physical page that backs it (unchanged).</param>
/// <param name="Protection">The new permissions.</param>
public sealed record ChangePagePermissions(ulong VirtualAddress, ulong PhysicalAddress, Protection Protection)
    : PageTableUpdate(VirtualAddress);
