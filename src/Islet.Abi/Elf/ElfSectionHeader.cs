namespace Islet.Abi.Elf;

/// <summary>
/// One ELF64 section header with its name resolved through the section name table. After
/// <see cref="ElfFile.Parse"/>, a section that occupies file space (any type but SHT_NOBITS
/// and SHT_NULL) has <c>Offset + Size</c> within the file.
/// </summary>
/// <param name="Name">The name ("" without a section name table); invalid UTF-8 is replaced, not rejected.</param>
/// <param name="Type">sh_type, e.g. 1 SHT_PROGBITS, 3 SHT_STRTAB, 8 SHT_NOBITS.</param>
/// <param name="Flags">sh_flags (2 SHF_ALLOC: occupies memory at run time).</param>
/// <param name="Address">sh_addr: the virtual address at run time, 0 if not allocated.</param>
/// <param name="Offset">sh_offset: where the bytes start in the file.</param>
/// <param name="Size">sh_size in bytes.</param>
/// <param name="Link">sh_link: a related section's index.</param>
/// <param name="Info">sh_info: type-specific.</param>
/// <param name="Alignment">sh_addralign.</param>
/// <param name="EntrySize">sh_entsize: size of one entry for tables, else 0.</param>
public readonly record struct ElfSectionHeader(
    string Name,
    uint Type,
    ulong Flags,
    ulong Address,
    ulong Offset,
    ulong Size,
    uint Link,
    uint Info,
    ulong Alignment,
    ulong EntrySize)
{
    /// <summary>SHT_NULL: an unused header (always section 0).</summary>
    public const uint TypeNull = 0;

    /// <summary>SHT_STRTAB: a string table.</summary>
    public const uint TypeStringTable = 3;

    /// <summary>SHT_NOBITS: occupies memory but no file space (.bss).</summary>
    public const uint TypeNoBits = 8;

    /// <summary>True if the section's bytes are in the file.</summary>
    public bool HasFileData => Type != TypeNull && Type != TypeNoBits;
}
