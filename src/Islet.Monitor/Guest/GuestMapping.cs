namespace Islet.Monitor.Guest;

/// <summary>
/// One range of guest-virtual memory mapped onto guest-physical memory. Every page the
/// monitor maps is user-accessible (the U bit), because kvm_pvm faults fetches and accesses
/// of pages without it even at CPL0, and the application runs at CPL3 anyway.
/// </summary>
/// <param name="VirtualAddress">The first guest-virtual address, 4 KiB aligned, canonical lower half.</param>
/// <param name="PhysicalAddress">The guest-physical address it maps to, 4 KiB aligned.</param>
/// <param name="Length">Bytes, a non-zero multiple of 4 KiB.</param>
/// <param name="Writable">Writes are allowed (R/W bit).</param>
/// <param name="Executable">Instruction fetches are allowed (NX clear).</param>
public readonly record struct GuestMapping(ulong VirtualAddress, ulong PhysicalAddress, ulong Length, bool Writable, bool Executable);
