using System.Runtime.InteropServices;

namespace Islet.Platform.Sealed.Interop;

/// <summary>
/// The libc calls the sealed binding makes. Every one of them maps to a system call in the
/// Islet ABI table (src/Islet.Abi); a sealed image is linked statically with
/// <c>DirectPInvoke</c> for libc, so these bind at link time and never load a library.
/// </summary>
internal static unsafe partial class SealedLibC
{
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EAGAIN = 11;

    public const int SIGINT = 2;
    public const int SIGTERM = 15;
    public const int SIGURG = 23;
    public const int SIG_BLOCK = 0;

    public const short POLLIN = 0x001;
    public const short POLLOUT = 0x004;
    public const short POLLERR = 0x008;
    public const short POLLHUP = 0x010;
    public const short POLLNVAL = 0x020;

    public const int F_GETFD = 1;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int O_NONBLOCK = 0x800;

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>struct timespec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>glibc's sigset_t: 1024 bits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SigSet
    {
        public fixed ulong Bits[16];
    }

    /// <summary>glibc's struct sigaction on x86-64 (152 bytes); glibc supplies sa_restorer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SigAction
    {
        public delegate* unmanaged<int, void> Handler;
        public SigSet Mask;
        public int Flags;
        public void* Restorer;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ppoll(PollFd* fds, nuint count, TimeSpec* timeout, SigSet* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sigaction(int signal, SigAction* action, SigAction* old);

    [LibraryImport("libc")]
    public static partial int pthread_sigmask(int how, SigSet* set, SigSet* old);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int tgkill(int tgid, int tid, int signal);

    [LibraryImport("libc")]
    public static partial int gettid();

    [LibraryImport("libc")]
    public static partial int getpid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, void* buffer, nint count);

    [LibraryImport("libc")]
    public static partial void _exit(int status);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pread64(int fd, void* buffer, nint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pwrite64(int fd, void* buffer, nint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fdatasync(int fd);

    /// <summary>The raw system call (used for fstat, which glibc routes through newfstatat).</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial long syscall(long number, long fd, void* buffer);
}
