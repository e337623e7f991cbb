using System.Collections.Immutable;
using static Islet.Abi.ArgumentConstraint;

namespace Islet.Abi;

public static partial class AbiTable
{
    // Kernel constants used by the constraints (uapi headers).
    private const ulong ProtExec = 0x4;
    private const ulong MapAnonymous = 0x20;
    private const ulong FGetFd = 1, FGetFl = 3, FSetFl = 4;
    private const ulong ArchSetFs = 0x1002, ArchGetFs = 0x1003;
    private const ulong PrSetName = 15, PrGetName = 16;
    private const ulong AtEmptyPath = 0x1000;

    // clone(2) flags: the ones a thread must share, and the ones it must not carry.
    private const ulong CloneThreadShares = 0x100 | 0x200 | 0x400 | 0x800 | 0x1_0000 | 0x4_0000; // VM FS FILES SIGHAND THREAD SYSVSEM
    private const ulong CloneForbidden =
        0xFF            // CSIGNAL: a thread sends no exit signal
        | 0x1000        // CLONE_PIDFD: would create an fd
        | 0x2000        // CLONE_PTRACE
        | 0x4000        // CLONE_VFORK
        | 0x8000        // CLONE_PARENT
        | 0x2_0000      // CLONE_NEWNS
        | 0x80_0000     // CLONE_UNTRACED
        | 0xFE00_0000   // CLONE_NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, IO
        | 0xFFFF_FFFF_0000_0000;

    private static ImmutableArray<ArgumentConstraint> FdIn(int index, AbiOperand low) =>
        [AtLeast(index, low), LessThan(index, AbiOperand.FdLimit)];

    private static IEnumerable<AbiEntry> BuildEntries()
    {
        // Device and console I/O (the sealed platform): only on fds the image was given.
        yield return Allow(0, "read", "device input (frames, blocks); fds 3..3+N-1 only", FdIn(0, 3));
        yield return Allow(1, "write", "console and device output; fds 1..3+N-1 only", FdIn(0, 1));
        yield return Allow(3, "close", "fds past the devices only: the image may not drop its console or devices", [AtLeast(0, AbiOperand.FdLimit)]) with { Otherwise = SyscallVerdict.Errno(LinuxErrno.EPERM) };
        yield return Allow(5, "fstat", "type and size of a console or device fd", FdIn(0, 1)) with { Otherwise = SyscallVerdict.Errno(LinuxErrno.EBADF) };
        yield return Allow(17, "pread64", "block device read at a sector offset", FdIn(0, 3));
        yield return Allow(18, "pwrite64", "block device write at a sector offset", FdIn(0, 3));
        yield return Allow(19, "readv", "device input, scattered", FdIn(0, 3));
        yield return Allow(75, "fdatasync", "block device flush: the writes before it reach stable storage", FdIn(0, 3));
        yield return Allow(20, "writev", "console and device output, gathered", FdIn(0, 1));
        yield return Allow(44, "sendto", "one frame out on a frame socket", FdIn(0, 3));
        yield return Allow(45, "recvfrom", "one frame in from a frame socket", FdIn(0, 3));
        yield return Allow(271, "ppoll", "waits for device fds (the fd array is in memory seccomp cannot read; it only waits)");
        yield return Allow(299, "recvmmsg", "a batch of frames in from a frame socket", FdIn(0, 3));
        yield return Allow(307, "sendmmsg", "a batch of frames out on a frame socket", FdIn(0, 3));
        yield return Constrained(72, "fcntl", "F_GETFD, F_GETFL, F_SETFL only (device probe, O_NONBLOCK); no F_DUPFD", LinuxErrno.EINVAL,
            [Equal(1, FGetFd)], [Equal(1, FGetFl)], [Equal(1, FSetFl)]);

        // Memory for the runtime and glibc; never executable, never file-backed.
        yield return Constrained(9, "mmap", "anonymous, non-executable mappings only (GC reservations, stacks, malloc)", LinuxErrno.EPERM,
            [BitsClear(2, ProtExec), MaskedEqual(3, MapAnonymous, MapAnonymous)]);
        yield return Constrained(10, "mprotect", "GC commit and guard pages; PROT_EXEC refused", LinuxErrno.EPERM,
            [BitsClear(2, ProtExec)]);
        yield return Allow(11, "munmap", "GC and stack release");
        yield return Allow(12, "brk", "glibc's startup heap");
        yield return Allow(28, "madvise", "GC decommit and MADV_DODUMP/DONTDUMP");

        // Threads and synchronisation.
        yield return Constrained(56, "clone", "threads only: shared VM, files and signals, CLONE_THREAD, no pidfd, no namespaces", LinuxErrno.EPERM,
            [MaskedEqual(0, CloneThreadShares | CloneForbidden, CloneThreadShares)]);
        yield return Errno(435, "clone3", LinuxErrno.ENOSYS, "seccomp cannot read clone3's struct; glibc then falls back to clone, whose flags it checks");
        yield return Allow(202, "futex", "runtime and glibc locks, thread joins");
        yield return Allow(218, "set_tid_address", "glibc startup");
        yield return Allow(273, "set_robust_list", "glibc, per thread");
        yield return Allow(334, "rseq", "glibc, per thread (failure would be harmless)");
        yield return Allow(60, "exit", "a thread ends");
        yield return Allow(231, "exit_group", "the image ends");
        yield return Allow(186, "gettid", "runtime thread ids");
        yield return Allow(39, "getpid", "runtime and glibc");
        yield return Constrained(234, "tgkill", "signals to the image's own threads only (GC suspension, abort)", LinuxErrno.EPERM,
            [Equal(0, AbiOperand.ProcessId)]);
        yield return Allow(24, "sched_yield", "runtime spin waits");
        yield return Allow(204, "sched_getaffinity", "runtime processor count");
        yield return Allow(324, "membarrier", "runtime FlushProcessWriteBuffers (GC suspension)");
        yield return Constrained(158, "arch_prctl", "glibc sets the thread pointer: ARCH_SET_FS/ARCH_GET_FS only", LinuxErrno.EINVAL,
            [Equal(0, ArchSetFs)], [Equal(0, ArchGetFs)]);
        yield return Constrained(157, "prctl", "thread names (PR_SET_NAME/PR_GET_NAME) only", LinuxErrno.EINVAL,
            [Equal(0, PrSetName)], [Equal(0, PrGetName)]);

        // Signals: hardware exceptions (NullReferenceException) and GC suspension.
        yield return Allow(13, "rt_sigaction", "runtime handlers for SIGSEGV, SIGFPE and its activation signal");
        yield return Allow(14, "rt_sigprocmask", "runtime and glibc thread creation");
        yield return Allow(15, "rt_sigreturn", "return from a signal handler");
        yield return Allow(131, "sigaltstack", "runtime alternate stacks for stack overflow");
        yield return Allow(219, "restart_syscall", "the kernel resumes a sleep interrupted by a signal through it");

        // Time and entropy.
        yield return Allow(228, "clock_gettime", "time (normally the vDSO)");
        yield return Allow(230, "clock_nanosleep", "sleeps and timed waits");
        yield return Allow(35, "nanosleep", "sleeps");
        yield return Allow(96, "gettimeofday", "time (normally the vDSO)");
        yield return Allow(309, "getcpu", "sched_getcpu without a vDSO (hvt has none): CPU 0, node 0");
        yield return Allow(201, "time", "glibc's time() without a vDSO (hvt has none)");
        yield return Allow(318, "getrandom", "hash seeds and System.Random");

        // Resource probes, read-only.
        yield return Constrained(302, "prlimit64", "reads the image's own limits (RLIMIT_STACK, RLIMIT_AS); never sets", LinuxErrno.EPERM,
            [Equal(0, 0), Equal(2, 0)]);
        yield return Allow(99, "sysinfo", "GC reads total memory");
        yield return Allow(98, "getrusage", "thread pool CPU utilisation");
        yield return Allow(63, "uname", "kernel version probe");

        // The runtime's startup probes of /proc and /sys: every one is optional.
        yield return Errno(2, "open", LinuxErrno.ENOENT, "no filesystem; the runtime treats a missing file as no limit");
        yield return Errno(257, "openat", LinuxErrno.ENOENT, "/proc/self/{mountinfo,cgroup,maps}, /proc/meminfo, /sys/devices/system/cpu/*, /dev/urandom: optional");
        yield return Errno(89, "readlink", LinuxErrno.ENOENT, "/proc/self/exe at startup: optional");
        yield return Errno(267, "readlinkat", LinuxErrno.ENOENT, "as readlink");
        yield return Errno(4, "stat", LinuxErrno.ENOENT, "no filesystem");
        yield return Errno(6, "lstat", LinuxErrno.ENOENT, "no filesystem");
        yield return Errno(262, "newfstatat", LinuxErrno.ENOENT, "glibc's fstat on opened probe files; with AT_EMPTY_PATH it could stat any absolute path");
        yield return Errno(137, "statfs", LinuxErrno.ENOENT, "cgroup filesystem probe at /sys/fs/cgroup");
        yield return Errno(16, "ioctl", LinuxErrno.ENOTTY, "Console's TCGETS probe: not a terminal");
        yield return Errno(239, "get_mempolicy", LinuxErrno.ENOSYS, "GC NUMA probe: no NUMA");

        // The launcher's exec of the image (see the type's remarks).
        yield return Constrained(322, "execveat", "the launcher's exec of the image fd, once (the fd is O_CLOEXEC)", LinuxErrno.EPERM,
            [Equal(0, (ulong)LauncherImageFd), Equal(4, AtEmptyPath)]);
    }

    private static AbiEntry Allow(int number, string name, string reason) =>
        new(number, name, SyscallVerdict.Allow, reason);

    private static AbiEntry Allow(int number, string name, string reason, ImmutableArray<ArgumentConstraint> constraints) =>
        new(number, name, SyscallVerdict.Allow, reason) { When = [constraints], Otherwise = SyscallVerdict.Errno(LinuxErrno.EBADF) };

    private static AbiEntry Errno(int number, string name, int errorNumber, string reason) =>
        new(number, name, SyscallVerdict.Errno(errorNumber), reason);

    private static AbiEntry Constrained(int number, string name, string reason, int otherwise,
        params ImmutableArray<ArgumentConstraint>[] alternatives) =>
        new(number, name, SyscallVerdict.Allow, reason)
        {
            When = [.. alternatives],
            Otherwise = SyscallVerdict.Errno(otherwise),
        };
}
