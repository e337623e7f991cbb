namespace Islet.Monitor.Memory;

/// <summary>
/// Remove the mapping at <see cref="PageTableUpdate.VirtualAddress"/>: its physical page is no
/// longer the guest's at this address (it may be handed out again, with <see cref="MapPage.MustZero"/> set).
/// </summary>
/// <param name="VirtualAddress">The page's guest-virtual address.</param>
public sealed record UnmapPage(ulong VirtualAddress) : PageTableUpdate(VirtualAddress);
