using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Islet.Cli.Internal;

/// <summary>
/// Runs a launched image in the foreground: SIGINT and SIGTERM sent
/// to <c>islet</c> are forwarded to it, and its exit code is returned (128 + signal when a
/// signal ended it).
/// </summary>
/// <remarks>
/// A Ctrl+C typed at the terminal already reaches the child, which shares our process group;
/// forwarding it again would be a second SIGINT, which the unikernel treats as "stop now". So
/// SIGINT is forwarded only when our group is not the terminal's foreground group (it was
/// sent with kill). SIGTERM is always forwarded.
/// </remarks>
internal static class ChildProcess
{
    /// <summary>Starts <paramref name="start"/>; a failure <see cref="CliException"/> if it cannot start.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw CliException.Failure($"cannot start {start.FileName}: {e.Message}");
        }
        return process;
    }

    /// <summary>Waits for <paramref name="process"/>, forwarding SIGINT and SIGTERM to it, and returns its exit code.</summary>
    public static int WaitForwardingSignals(Process process)
    {
        void Forward(PosixSignalContext context)
        {
            context.Cancel = true;
            int signal = context.Signal == PosixSignal.SIGTERM ? Libc.SIGTERM : Libc.SIGINT;
            if (signal == Libc.SIGINT && InTerminalForeground()) return;
            try
            {
                if (!process.HasExited) Libc.Kill(process.Id, signal);
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the call: nothing to forward to.
            }
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        process.WaitForExit();
        return process.ExitCode;
    }

    private static bool InTerminalForeground()
    {
        int group = Libc.GetProcessGroup();
        for (int fd = 0; fd <= 2; fd++)
        {
            if (Libc.IsTerminal(fd) == 1) return Libc.GetTerminalProcessGroup(fd) == group;
        }
        return false;
    }
}
