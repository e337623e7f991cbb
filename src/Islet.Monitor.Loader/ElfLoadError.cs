namespace Islet.Monitor.Loader;

/// <summary>Why <see cref="StaticPieLoader"/> refused an image (the closed set of its errors).</summary>
public enum ElfLoadError
{
    /// <summary>
    /// The file is not a well-formed ELF file: truncated, offsets or sizes past its end, or a
    /// PT_LOAD with p_filesz greater than p_memsz. The inner exception is the
    /// <see cref="Islet.Abi.Elf.ElfFormatException"/> that says which.
    /// </summary>
    Malformed,

    /// <summary>Not ELF64 little-endian (EI_CLASS is not ELFCLASS64 or EI_DATA not ELFDATA2LSB).</summary>
    NotElf64,

    /// <summary>e_machine is not EM_X86_64.</summary>
    NotX86_64,

    /// <summary>
    /// e_type is ET_EXEC: a position-dependent executable has fixed addresses and no load base,
    /// so it cannot be placed at the base the monitor chose. Only ET_DYN (static-pie) is loaded.
    /// </summary>
    FixedAddressExecutable,

    /// <summary>e_type is neither ET_DYN nor ET_EXEC (a relocatable object or core file).</summary>
    NotExecutable,

    /// <summary>The image has PT_INTERP: it is dynamically linked and needs ld.so, not a static-pie.</summary>
    DynamicallyLinked,

    /// <summary>The image has no PT_LOAD segment with a non-zero p_memsz.</summary>
    NoLoadSegments,

    /// <summary>Two PT_LOAD segments occupy some of the same addresses.</summary>
    OverlappingSegments,

    /// <summary>A PT_LOAD segment's pages (or base + p_vaddr itself) are outside guest memory.</summary>
    SegmentOutsideMemory,

    /// <summary>
    /// p_align is not 0, 1 or a power of two; p_vaddr and p_offset differ modulo p_align; or the
    /// load base is not a multiple of the largest p_align.
    /// </summary>
    BadAlignment,

    /// <summary>e_entry is not inside an executable PT_LOAD segment.</summary>
    EntryNotExecutable,

    /// <summary>The program header table (PT_PHDR, or e_phoff) is not inside a PT_LOAD segment, so AT_PHDR cannot point at it.</summary>
    ProgramHeadersNotLoaded,

    /// <summary>More than one PT_TLS, or a TLS template that is not inside a PT_LOAD segment's file bytes.</summary>
    BadTls,
}
