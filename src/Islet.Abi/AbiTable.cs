using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Islet.Abi;

/// <summary>
/// The Islet ABI: every Linux x86-64 system call a sealed image may make, in one table.
/// <c>spt</c> compiles it to a seccomp filter (<see cref="Seccomp.SeccompCompiler"/>) and
/// <c>hvt</c> implements exactly it. A call that is not in the table is answered ENOSYS.
/// </summary>
/// <remarks>
/// <para>
/// Why the image can never reach the launcher's image fd. The launcher installs the filter
/// and then runs the image with <c>execveat(LauncherImageFd, "", argv, envp, AT_EMPTY_PATH)</c>
/// on an O_CLOEXEC fd, so the filter must allow exactly that call (arg0 ==
/// <see cref="LauncherImageFd"/>, arg4 == AT_EMPTY_PATH). The exec closes the fd, and the
/// launcher has lowered RLIMIT_NOFILE below <see cref="LauncherImageFd"/>. The table holds no
/// call that creates or duplicates an fd: open/openat are ENOENT; socket, accept, pipe,
/// eventfd, memfd_create, epoll_create, dup*, pidfd_open and clone3 (whose CLONE_PIDFD seccomp
/// cannot see) are absent; fcntl allows only F_GETFD, F_GETFL and F_SETFL (no F_DUPFD); clone
/// must not carry CLONE_PIDFD. So after the exec the image's fds are fixed (console 1 and 2,
/// devices 3..3+N-1), fd 1023 is never valid again, and a second execveat fails with EBADF.
/// One channel is outside the filter's reach: recvmmsg on a frame socket could receive fds
/// as SCM_RIGHTS if the peer sent them. The peer is the launcher, which never does, and
/// RLIMIT_NOFILE still keeps any such fd below 1023.
/// </para>
/// <para>
/// Executable memory is refused: mmap and mprotect with PROT_EXEC answer EPERM. Measured
/// with strace on a static NativeAOT .NET 9 image: after execve the runtime and glibc never
/// ask for PROT_EXEC (the kernel maps the image itself), so code cannot be created at run
/// time.
/// </para>
/// </remarks>
public static partial class AbiTable
{
    /// <summary>The fd on which the launcher holds the image for its execveat.</summary>
    public const int LauncherImageFd = 1023;

    /// <summary>AUDIT_ARCH_X86_64: the only architecture the table describes.</summary>
    public const uint AuditArchX86_64 = 0xC000_003E;

    /// <summary>Bit 30 of the syscall number marks the x32 ABI (__X32_SYSCALL_BIT); such calls kill the image.</summary>
    public const uint X32SyscallBit = 0x4000_0000;

    /// <summary>All entries, sorted by number; numbers are unique.</summary>
    public static ImmutableArray<AbiEntry> Entries { get; } =
        [.. BuildEntries().OrderBy(e => e.Number)];

    private static readonly FrozenDictionary<int, AbiEntry> s_byNumber =
        Entries.ToFrozenDictionary(e => e.Number);

    /// <summary>How many entries may run (verdict Allow, possibly constrained).</summary>
    public static int AllowCount => Entries.Count(e => e.Verdict.Kind == SyscallVerdictKind.Allow);

    /// <summary>How many entries are answered with an errno without running.</summary>
    public static int ErrnoCount => Entries.Count(e => e.Verdict.Kind == SyscallVerdictKind.Errno);

    /// <summary>The entry for <paramref name="number"/>, or null if the call is not in the table.</summary>
    public static AbiEntry? Find(int number) => s_byNumber.GetValueOrDefault(number);

    /// <summary>
    /// The reference answer to one system call, with the same meaning as the compiled filter:
    /// a foreign <paramref name="arch"/> or an x32 number (bit 30 set, or any number from
    /// 0x40000000 up, read unsigned) kills; a number in the table gets its entry's verdict;
    /// anything else is ENOSYS.
    /// </summary>
    /// <param name="arch">seccomp_data.arch.</param>
    /// <param name="number">seccomp_data.nr, read as unsigned.</param>
    /// <param name="args">seccomp_data.args; missing ones read as 0.</param>
    /// <param name="context">The per-image values.</param>
    public static SyscallVerdict Evaluate(uint arch, uint number, ReadOnlySpan<ulong> args, AbiContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (arch != AuditArchX86_64 || number >= X32SyscallBit) return SyscallVerdict.KillProcess;
        return Find((int)number) is { } entry ? entry.Evaluate(args, context) : SyscallVerdict.NotImplemented;
    }
}
