namespace Islet.Monitor.Memory;

/// <summary>
/// One change the monitor must make to the guest's page tables, for one 4 KiB page, in the order
/// <see cref="GuestAddressSpace.TakeUpdates"/> gives them. After an <see cref="UnmapPage"/> or a
/// <see cref="ChangePagePermissions"/> the monitor must also invalidate the page in every vCPU's TLB
/// before the guest runs again.
/// </summary>
/// <param name="VirtualAddress">The page's guest-virtual address (page-aligned).</param>
public abstract record PageTableUpdate(ulong VirtualAddress);
