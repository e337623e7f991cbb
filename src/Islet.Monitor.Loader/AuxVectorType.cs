namespace Islet.Monitor.Loader;

/// <summary>The auxiliary vector keys <see cref="InitialStack"/> writes (Linux <c>include/uapi/linux/auxvec.h</c>, x86-64).</summary>
public enum AuxVectorType : ulong
{
    /// <summary>AT_NULL: ends the vector.</summary>
    Null = 0,

    /// <summary>AT_PHDR: the program headers' address.</summary>
    /// <summary>AT_SYSINFO_EHDR: the address of the vDSO's ELF header.</summary>
    SystemInfoHeader = 33,

    ProgramHeaders = 3,

    /// <summary>AT_PHENT: the size of one program header.</summary>
    ProgramHeaderEntrySize = 4,

    /// <summary>AT_PHNUM: the number of program headers.</summary>
    ProgramHeaderCount = 5,

    /// <summary>AT_PAGESZ: the page size.</summary>
    PageSize = 6,

    /// <summary>AT_BASE: the interpreter's base (0: a static-pie has none).</summary>
    InterpreterBase = 7,

    /// <summary>AT_FLAGS: unused, 0.</summary>
    Flags = 8,

    /// <summary>AT_ENTRY: the program's entry point.</summary>
    Entry = 9,

    /// <summary>AT_UID.</summary>
    UserId = 11,

    /// <summary>AT_EUID.</summary>
    EffectiveUserId = 12,

    /// <summary>AT_GID.</summary>
    GroupId = 13,

    /// <summary>AT_EGID.</summary>
    EffectiveGroupId = 14,

    /// <summary>AT_PLATFORM: address of the platform string ("x86_64").</summary>
    Platform = 15,

    /// <summary>AT_HWCAP: CPUID leaf 1 EDX on x86.</summary>
    HardwareCapabilities = 16,

    /// <summary>AT_CLKTCK: the frequency of times() (100).</summary>
    ClockTicks = 17,

    /// <summary>AT_SECURE: 0, not a set-uid program.</summary>
    Secure = 23,

    /// <summary>AT_RANDOM: address of 16 random bytes (the libc's stack protector and pointer guard).</summary>
    Random = 25,

    /// <summary>AT_HWCAP2: more hardware capabilities (on x86, bit 1 is FSGSBASE).</summary>
    HardwareCapabilities2 = 26,

    /// <summary>AT_EXECFN: address of the program's file name.</summary>
    ExecutableName = 31,
}
