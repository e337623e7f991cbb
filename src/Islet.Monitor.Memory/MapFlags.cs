namespace Islet.Monitor.Memory;

/// <summary>The mmap flags the address space understands (MAP_* for x86-64). Other bits are ignored, as Linux ignores them for private mappings.</summary>
[Flags]
public enum MapFlags
{
    /// <summary>No flags: an invalid mapping type (EINVAL).</summary>
    None = 0,

    /// <summary>MAP_SHARED: not supported (EINVAL).</summary>
    Shared = 0x01,

    /// <summary>MAP_PRIVATE: required.</summary>
    Private = 0x02,

    /// <summary>MAP_FIXED: place exactly at the address, replacing whatever is there.</summary>
    Fixed = 0x10,

    /// <summary>MAP_ANONYMOUS: required (the image has no files); without it the answer is EPERM, as the seccomp filter gives.</summary>
    Anonymous = 0x20,

    /// <summary>MAP_GROWSDOWN: a stack that extends downwards when the page below it is touched.</summary>
    GrowsDown = 0x100,

    /// <summary>MAP_NORESERVE: accepted; nothing is ever reserved at mmap time anyway.</summary>
    NoReserve = 0x4000,

    /// <summary>MAP_POPULATE: accepted and ignored; pages are still backed on first touch.</summary>
    Populate = 0x8000,

    /// <summary>MAP_STACK: accepted and ignored, as Linux does.</summary>
    Stack = 0x20000,

    /// <summary>MAP_HUGETLB: refused with ENOMEM, as Linux answers when no huge pages are reserved.</summary>
    HugeTlb = 0x40000,

    /// <summary>MAP_FIXED_NOREPLACE: place exactly at the address, or EEXIST if anything is mapped there.</summary>
    FixedNoReplace = 0x100000,
}
