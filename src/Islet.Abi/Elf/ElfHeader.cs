namespace Islet.Abi.Elf;

/// <summary>The ELF64 file header fields this reader uses (System V gABI, "ELF Header").</summary>
/// <param name="Type">e_type: 2 ET_EXEC, 3 ET_DYN (static-pie and shared objects).</param>
/// <param name="Machine">e_machine: always 62 (EM_X86_64) after parsing.</param>
/// <param name="Entry">e_entry: the entry point's virtual address.</param>
/// <param name="ProgramHeaderOffset">e_phoff.</param>
/// <param name="ProgramHeaderCount">e_phnum.</param>
/// <param name="SectionHeaderOffset">e_shoff.</param>
/// <param name="SectionHeaderCount">e_shnum.</param>
/// <param name="SectionNameTableIndex">e_shstrndx (0: sections have no names).</param>
public readonly record struct ElfHeader(
    ushort Type,
    ushort Machine,
    ulong Entry,
    ulong ProgramHeaderOffset,
    int ProgramHeaderCount,
    ulong SectionHeaderOffset,
    int SectionHeaderCount,
    int SectionNameTableIndex)
{
    /// <summary>ET_EXEC.</summary>
    public const ushort TypeExecutable = 2;

    /// <summary>ET_DYN (position-independent, as static-pie images are).</summary>
    public const ushort TypeSharedObject = 3;

    /// <summary>EM_X86_64.</summary>
    public const ushort MachineX86_64 = 62;
}
