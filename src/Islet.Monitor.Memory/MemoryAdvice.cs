namespace Islet.Monitor.Memory;

/// <summary>The madvise advice values Linux knows (MADV_* in <c>asm-generic/mman-common.h</c>). Any other value is EINVAL.</summary>
public enum MemoryAdvice
{
    /// <summary>MADV_NORMAL: a no-op here.</summary>
    Normal = 0,

    /// <summary>MADV_RANDOM: a no-op here.</summary>
    Random = 1,

    /// <summary>MADV_SEQUENTIAL: a no-op here.</summary>
    Sequential = 2,

    /// <summary>MADV_WILLNEED: a no-op here.</summary>
    WillNeed = 3,

    /// <summary>MADV_DONTNEED: anonymous pages are freed and read back as zero.</summary>
    DontNeed = 4,

    /// <summary>MADV_FREE: treated as <see cref="DontNeed"/> (Linux allows either contents or zero).</summary>
    Free = 8,

    /// <summary>MADV_REMOVE: EINVAL, as for any private mapping on Linux.</summary>
    Remove = 9,

    /// <summary>MADV_DONTFORK: a no-op here.</summary>
    DontFork = 10,

    /// <summary>MADV_DOFORK: a no-op here.</summary>
    DoFork = 11,

    /// <summary>MADV_MERGEABLE: a no-op here.</summary>
    Mergeable = 12,

    /// <summary>MADV_UNMERGEABLE: a no-op here.</summary>
    Unmergeable = 13,

    /// <summary>MADV_HUGEPAGE: a no-op here.</summary>
    HugePage = 14,

    /// <summary>MADV_NOHUGEPAGE: a no-op here.</summary>
    NoHugePage = 15,

    /// <summary>MADV_DONTDUMP: a no-op here (there are no core dumps).</summary>
    DontDump = 16,

    /// <summary>MADV_DODUMP: a no-op here.</summary>
    DoDump = 17,

    /// <summary>MADV_WIPEONFORK: a no-op here.</summary>
    WipeOnFork = 18,

    /// <summary>MADV_KEEPONFORK: a no-op here.</summary>
    KeepOnFork = 19,

    /// <summary>MADV_COLD: a no-op here.</summary>
    Cold = 20,

    /// <summary>MADV_PAGEOUT: a no-op here.</summary>
    PageOut = 21,
}
