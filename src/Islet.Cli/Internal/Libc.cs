using System.Runtime.InteropServices;

namespace Islet.Cli.Internal;

/// <summary>The few libc calls <c>islet run</c>, <c>stop</c> and the run registry need.</summary>
internal static partial class Libc
{
    /// <summary>Linux SIGINT.</summary>
    public const int SIGINT = 2;

    /// <summary>Linux SIGKILL.</summary>
    public const int SIGKILL = 9;

    /// <summary>Linux SIGTERM.</summary>
    public const int SIGTERM = 15;

    /// <summary>open(2) flag: read and write.</summary>
    public const int O_RDWR = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "getpgrp")]
    public static extern int GetProcessGroup();

    [DllImport("libc", EntryPoint = "tcgetpgrp")]
    public static extern int GetTerminalProcessGroup(int fd);

    [DllImport("libc", EntryPoint = "isatty")]
    public static extern int IsTerminal(int fd);

    [DllImport("libc", EntryPoint = "getuid")]
    public static extern uint GetUserId();

    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static extern int CreateSession();

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static extern int Duplicate(int fd, int target);

    [DllImport("libc", EntryPoint = "close")]
    public static extern int Close(int fd);
}
