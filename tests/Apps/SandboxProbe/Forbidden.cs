using System.Runtime.InteropServices;

namespace Islet.Tests.Apps.SandboxProbe;

/// <summary>libc calls a sealed image must not be able to make usefully.</summary>
internal static unsafe partial class Forbidden
{
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int execve(string path, nint* argv, nint* envp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long ptrace(long request, int pid, nint address, nint data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    public static partial int getppid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    /// <summary>libc's raw <c>syscall(2)</c>: any number, six arguments, the errno in the last P/Invoke error.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial long syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);
}
