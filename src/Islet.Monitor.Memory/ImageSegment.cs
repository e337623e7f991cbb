namespace Islet.Monitor.Memory;

/// <summary>
/// An image segment that is already mapped when the guest starts: <see cref="Length"/> bytes at
/// virtual <see cref="VirtualAddress"/>, backed by the physically contiguous pages at
/// <see cref="PhysicalAddress"/>. Its pages are not charged to the budget. Both addresses must be
/// page-aligned; the length is rounded up to whole pages.
/// </summary>
/// <param name="VirtualAddress">Where the segment starts in the guest's virtual address space.</param>
/// <param name="Length">Its length in bytes (not zero).</param>
/// <param name="Protection">Its protection (may include <see cref="Protection.Execute"/>).</param>
/// <param name="PhysicalAddress">The guest-physical address of its first page.</param>
public readonly record struct ImageSegment(ulong VirtualAddress, ulong Length, Protection Protection, ulong PhysicalAddress);
