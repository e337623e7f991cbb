namespace Islet.Monitor.Memory;

/// <summary>The errno values the memory calls answer with; a call returns their negation.</summary>
public static class MemoryErrno
{
    /// <summary>Operation not permitted: PROT_EXEC, a non-anonymous mapping, or MAP_FIXED below the range.</summary>
    public const int EPERM = 1;

    /// <summary>Out of memory: no room, a hole under mprotect or madvise, or too many areas.</summary>
    public const int ENOMEM = 12;

    /// <summary>MAP_FIXED_NOREPLACE over an existing mapping.</summary>
    public const int EEXIST = 17;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;
}
