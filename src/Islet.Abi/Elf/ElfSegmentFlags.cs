namespace Islet.Abi.Elf;

/// <summary>p_flags of a program header.</summary>
[Flags]
public enum ElfSegmentFlags : uint
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>PF_X.</summary>
    Execute = 1,

    /// <summary>PF_W.</summary>
    Write = 2,

    /// <summary>PF_R.</summary>
    Read = 4,
}
