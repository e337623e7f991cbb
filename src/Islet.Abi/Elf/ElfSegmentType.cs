namespace Islet.Abi.Elf;

/// <summary>p_type of a program header (values not listed here are kept as they are).</summary>
public enum ElfSegmentType : uint
{
    /// <summary>PT_NULL: unused entry.</summary>
    Null = 0,

    /// <summary>PT_LOAD: bytes to map at p_vaddr; memory past p_filesz is zero.</summary>
    Load = 1,

    /// <summary>PT_DYNAMIC: dynamic linking table (static-pie images have one for self-relocation).</summary>
    Dynamic = 2,

    /// <summary>PT_INTERP: program interpreter path (absent in static images).</summary>
    Interp = 3,

    /// <summary>PT_NOTE: notes (build id).</summary>
    Note = 4,

    /// <summary>PT_PHDR: the program header table itself.</summary>
    ProgramHeaders = 6,

    /// <summary>PT_TLS: the thread-local storage template.</summary>
    Tls = 7,

    /// <summary>PT_GNU_EH_FRAME: unwind table index.</summary>
    GnuEhFrame = 0x6474_E550,

    /// <summary>PT_GNU_STACK: stack permissions.</summary>
    GnuStack = 0x6474_E551,

    /// <summary>PT_GNU_RELRO: read-only after relocation.</summary>
    GnuRelro = 0x6474_E552,
}
