namespace Islet.Abi;

/// <summary>What happens to a system call made by a sealed image.</summary>
public enum SyscallVerdictKind
{
    /// <summary>The call runs (on the host kernel under spt, in the monitor under hvt).</summary>
    Allow,

    /// <summary>The call does not happen; it returns <c>-errno</c> to the image.</summary>
    Errno,

    /// <summary>
    /// The whole image is killed. Never a table verdict: only the filter's answer to a call
    /// from a foreign architecture or the x32 ABI.
    /// </summary>
    KillProcess,
}
