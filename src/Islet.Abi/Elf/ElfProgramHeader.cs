namespace Islet.Abi.Elf;

/// <summary>
/// One ELF64 program header. After <see cref="ElfFile.Parse"/>, <c>Offset + FileSize</c> lies
/// within the file, and for <see cref="ElfSegmentType.Load"/> <c>FileSize &lt;= MemorySize</c> and
/// <c>VirtualAddress + MemorySize</c> does not overflow.
/// </summary>
public readonly record struct ElfProgramHeader(
    ElfSegmentType Type,
    ElfSegmentFlags Flags,
    ulong Offset,
    ulong VirtualAddress,
    ulong PhysicalAddress,
    ulong FileSize,
    ulong MemorySize,
    ulong Alignment);
