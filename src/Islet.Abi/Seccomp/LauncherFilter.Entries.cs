using System.Collections.Immutable;
using static Islet.Abi.ArgumentConstraint;

namespace Islet.Abi.Seccomp;

public static partial class LauncherFilter
{
    // open(2) flags that write or create (uapi asm-generic/fcntl.h). O_TMPFILE needs O_WRONLY or O_RDWR.
    private const ulong OWrOnly = 0x1, ORdWr = 0x2, OCreat = 0x40, OTrunc = 0x200, OAppend = 0x400;
    private const ulong OpenWrites = OWrOnly | ORdWr | OCreat | OTrunc | OAppend;

    private const ulong CloneThread = 0x1_0000;
    private const ulong AfUnix = 1, AfInet = 2, AfInet6 = 10;

    // The kernel reads open's flags and socket's family as int: only the low word counts, so
    // only the low word is compared (a high word could not change the kernel's reading).
    private const ulong LowWord = 0xFFFF_FFFF;

    private static IEnumerable<AbiEntry> BuildEntries(LauncherFilterOptions options)
    {
        // Running programs and making processes: the launcher's child (spt) or VM (hvt) already exists.
        yield return Deny(59, "execve", "would replace the launcher with any program");
        yield return Deny(322, "execveat", "as execve");
        yield return Deny(57, "fork", "a new process; the image is already started");
        yield return Deny(58, "vfork", "as fork");
        yield return new AbiEntry(56, "clone", SyscallVerdict.Allow,
            "threads only (CLONE_THREAD): the runtime and the vCPUs start threads; without it, a new process (fork, posix_spawn)")
        {
            When = [[MaskedEqual(0, CloneThread, CloneThread)]],
            Otherwise = SyscallVerdict.Errno(LinuxErrno.EPERM),
        };
        yield return Errno(435, "clone3", LinuxErrno.ENOSYS, "seccomp cannot read clone3's struct; glibc falls back to clone, whose flags are checked");
        yield return Deny(101, "ptrace", "no debugging of the image or any other process");
        yield return Deny(310, "process_vm_readv", "reads another process's memory");
        yield return Deny(311, "process_vm_writev", "writes another process's memory");
        yield return Deny(438, "pidfd_getfd", "takes a descriptor out of another process");

        // The kernel itself.
        yield return Deny(246, "kexec_load", "replaces the kernel");
        yield return Deny(320, "kexec_file_load", "as kexec_load");
        yield return Deny(175, "init_module", "loads kernel code");
        yield return Deny(313, "finit_module", "as init_module");
        yield return Deny(176, "delete_module", "unloads kernel code");
        yield return Deny(321, "bpf", "loads programs into the kernel");
        yield return Deny(298, "perf_event_open", "kernel and other-process observation; a frequent exploit surface");
        yield return Deny(323, "userfaultfd", "a frequent exploit primitive (stalls the kernel on a fault)");
        yield return Deny(425, "io_uring_setup", "io_uring runs opens and socket calls that seccomp never sees");
        yield return Deny(426, "io_uring_enter", "as io_uring_setup");
        yield return Deny(427, "io_uring_register", "as io_uring_setup");
        yield return Deny(248, "add_key", "kernel keyrings are shared beyond the process");
        yield return Deny(249, "request_key", "as add_key");
        yield return Deny(250, "keyctl", "as add_key");
        yield return Deny(167, "swapon", "host administration");
        yield return Deny(168, "swapoff", "host administration");
        yield return Deny(169, "reboot", "host administration");
        yield return Deny(163, "acct", "host administration (process accounting file)");
        yield return Deny(172, "iopl", "raw I/O port access");
        yield return Deny(173, "ioperm", "raw I/O port access");
        yield return Deny(135, "personality", "changes how the kernel treats the process (address layout, READ_IMPLIES_EXEC)");
        yield return Deny(179, "quotactl", "host administration (disk quotas)");
        yield return Deny(212, "lookup_dcookie", "kernel profiling interface");

        // Mounts and namespaces: the launcher's view of the host stays as it is.
        yield return Deny(165, "mount", "changes the filesystem tree");
        yield return Deny(166, "umount2", "as mount");
        yield return Deny(155, "pivot_root", "as mount");
        yield return Deny(161, "chroot", "as mount");
        yield return Deny(428, "open_tree", "the new mount API, as mount");
        yield return Deny(429, "move_mount", "the new mount API, as mount");
        yield return Deny(430, "fsopen", "the new mount API, as mount");
        yield return Deny(431, "fsconfig", "the new mount API, as mount");
        yield return Deny(432, "fsmount", "the new mount API, as mount");
        yield return Deny(433, "fspick", "the new mount API, as mount");
        yield return Deny(442, "mount_setattr", "the new mount API, as mount");
        yield return Deny(272, "unshare", "new namespaces (a user namespace would grant capabilities)");
        yield return Deny(308, "setns", "enters other namespaces");
        yield return Deny(304, "open_by_handle_at", "opens files by handle, around path permissions");
        yield return Deny(303, "name_to_handle_at", "as open_by_handle_at");

        // Identity: the launcher keeps its user, groups and capabilities.
        yield return Deny(105, "setuid", "identity change");
        yield return Deny(106, "setgid", "identity change");
        yield return Deny(113, "setreuid", "identity change");
        yield return Deny(114, "setregid", "identity change");
        yield return Deny(117, "setresuid", "identity change");
        yield return Deny(119, "setresgid", "identity change");
        yield return Deny(116, "setgroups", "identity change");
        yield return Deny(122, "setfsuid", "identity change");
        yield return Deny(123, "setfsgid", "identity change");
        yield return Deny(126, "capset", "capability change");

        // The filesystem: read-only from here on. Devices and block files were opened before the
        // filter, and writes through those descriptors (write, pwrite, ftruncate) stay allowed.
        yield return Constrained(2, "open", "read-only: no O_WRONLY, O_RDWR, O_CREAT, O_TRUNC or O_APPEND (low word of arg1)",
            [BitsClear(1, OpenWrites)]);
        yield return Constrained(257, "openat", "read-only: as open, flags in arg2 (the runtime may still load files and read /proc)",
            [BitsClear(2, OpenWrites)]);
        yield return Errno(437, "openat2", LinuxErrno.ENOSYS, "seccomp cannot read open_how's flags; glibc falls back to openat");
        yield return Deny(85, "creat", "creates or truncates a file");
        yield return Deny(76, "truncate", "changes a file by path");
        yield return Deny(133, "mknod", "creates a file or device node");
        yield return Deny(259, "mknodat", "as mknod");
        yield return Deny(86, "link", "adds a name to the filesystem");
        yield return Deny(265, "linkat", "as link");
        yield return Deny(88, "symlink", "adds a name to the filesystem");
        yield return Deny(266, "symlinkat", "as symlink");
        yield return Deny(82, "rename", "moves a name in the filesystem");
        yield return Deny(264, "renameat", "as rename");
        yield return Deny(316, "renameat2", "as rename");
        yield return Deny(87, "unlink", "removes a name from the filesystem");
        yield return Deny(263, "unlinkat", "as unlink");
        yield return Deny(84, "rmdir", "removes a directory");
        yield return Deny(83, "mkdir", "creates a directory");
        yield return Deny(258, "mkdirat", "as mkdir");
        yield return Deny(90, "chmod", "changes permissions");
        yield return Deny(91, "fchmod", "as chmod");
        yield return Deny(268, "fchmodat", "as chmod");
        yield return Deny(452, "fchmodat2", "as chmod (Linux 6.6)");
        yield return Deny(92, "chown", "changes ownership");
        yield return Deny(93, "fchown", "as chown");
        yield return Deny(94, "lchown", "as chown");
        yield return Deny(260, "fchownat", "as chown");

        // Sockets: the router's host sockets are bound before the filter; an accepted connection
        // needs no socket call. AF_UNIX stays for the runtime's own use.
        ImmutableArray<ArgumentConstraint>[] families = options.AllowOutbound
            ? [[MaskedEqual(0, LowWord, AfUnix)], [MaskedEqual(0, LowWord, AfInet)], [MaskedEqual(0, LowWord, AfInet6)]]
            : [[MaskedEqual(0, LowWord, AfUnix)]];
        yield return Constrained(41, "socket", options.AllowOutbound
            ? "AF_UNIX, and AF_INET/AF_INET6 for --allow-outbound's connections to the host"
            : "AF_UNIX only: user networking listens on sockets bound before the filter", families);
    }

    private static AbiEntry Deny(int number, string name, string reason) => Errno(number, name, LinuxErrno.EPERM, reason);

    private static AbiEntry Errno(int number, string name, int errorNumber, string reason) =>
        new(number, name, SyscallVerdict.Errno(errorNumber), reason);

    private static AbiEntry Constrained(int number, string name, string reason, params ImmutableArray<ArgumentConstraint>[] alternatives) =>
        new(number, name, SyscallVerdict.Allow, reason)
        {
            When = [.. alternatives],
            Otherwise = SyscallVerdict.Errno(LinuxErrno.EPERM),
        };
}
