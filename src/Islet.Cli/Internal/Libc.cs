using System.Runtime.InteropServices;

namespace Islet.Cli.Internal;

/// <summary>The few libc calls <c>islet run</c> needs to forward signals.</summary>
internal static partial class Libc
{
    /// <summary>Linux SIGINT.</summary>
    public const int SIGINT = 2;

    /// <summary>Linux SIGTERM.</summary>
    public const int SIGTERM = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "getpgrp")]
    public static extern int GetProcessGroup();

    [DllImport("libc", EntryPoint = "tcgetpgrp")]
    public static extern int GetTerminalProcessGroup(int fd);

    [DllImport("libc", EntryPoint = "isatty")]
    public static extern int IsTerminal(int fd);
}
