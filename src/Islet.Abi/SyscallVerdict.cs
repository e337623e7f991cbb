namespace Islet.Abi;

/// <summary>
/// The answer to one system call: allow it, answer it with an errno without running it, or
/// kill the image. <see cref="ErrorNumber"/> is meaningful only for
/// <see cref="SyscallVerdictKind.Errno"/> and is then in 1..4095 (the range the kernel and
/// seccomp's <c>SECCOMP_RET_DATA</c> both accept as an error return).
/// </summary>
public readonly record struct SyscallVerdict
{
    private SyscallVerdict(SyscallVerdictKind kind, int errorNumber)
    {
        Kind = kind;
        ErrorNumber = errorNumber;
    }

    /// <summary>The kind of answer.</summary>
    public SyscallVerdictKind Kind { get; }

    /// <summary>The errno returned for <see cref="SyscallVerdictKind.Errno"/>; 0 otherwise.</summary>
    public int ErrorNumber { get; }

    /// <summary>The call runs.</summary>
    public static SyscallVerdict Allow { get; } = new(SyscallVerdictKind.Allow, 0);

    /// <summary>The image is killed (foreign architecture or x32 only).</summary>
    public static SyscallVerdict KillProcess { get; } = new(SyscallVerdictKind.KillProcess, 0);

    /// <summary>The verdict for calls that are not in the table: ENOSYS.</summary>
    public static SyscallVerdict NotImplemented { get; } = new(SyscallVerdictKind.Errno, LinuxErrno.ENOSYS);

    /// <summary>The call is answered with <paramref name="errorNumber"/> without running.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unless 1 &lt;= errorNumber &lt;= 4095.</exception>
    public static SyscallVerdict Errno(int errorNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(errorNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errorNumber, 4095);
        return new SyscallVerdict(SyscallVerdictKind.Errno, errorNumber);
    }

    /// <summary>"Allow", "KillProcess" or the errno's name, e.g. "ENOENT".</summary>
    public override string ToString() => Kind switch
    {
        SyscallVerdictKind.Allow => "Allow",
        SyscallVerdictKind.KillProcess => "KillProcess",
        _ => LinuxErrno.Name(ErrorNumber),
    };
}
