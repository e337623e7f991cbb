using System.Diagnostics;
using Islet.Cli.Internal;

namespace Islet.Cli.Runs;

/// <summary>
/// Runs a unikernel as a registered run: starts it with its standard output and error piped,
/// copies both to the run's log (and to console writers in the foreground), registers it in
/// the <see cref="RunRegistry"/>, forwards SIGINT and SIGTERM to it, and when it ends removes
/// its record and returns its exit code. <c>islet run</c> does this in the foreground; the
/// detached supervisor (<c>islet run -d</c>) does it with no console.
/// </summary>
internal static class RecordedRun
{
    /// <summary>How long output still in the pipes is copied after the unikernel has exited (a grandchild may hold them open).</summary>
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="start"/> (its output streams are redirected here) as
    /// <paramref name="template"/>'s run; the record's pid and start ticks are filled in.
    /// <paramref name="onRegistered"/> is called once the record is written (never when the
    /// unikernel is gone before it could be registered). Failures to start
    /// or to write the record are failure <see cref="CliException"/>s (a started unikernel is
    /// killed first).
    /// </summary>
    public static int Run(ProcessStartInfo start, RunRegistry registry, RunRecord template,
        TextWriter? stdout, TextWriter? stderr, Action? onRegistered = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        RunLog log;
        try
        {
            log = new RunLog(template.Log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Failure($"cannot write the log {template.Log}: {e.Message}");
        }
        using (log)
        using (var process = ChildProcess.Start(start))
        {
            var tees = new[]
            {
                OutputTee.Start(process.StandardOutput.BaseStream, log, stdout),
                OutputTee.Start(process.StandardError.BaseStream, log, stderr),
            };
            RunRecord? record = null;
            try
            {
                if (ProcessStat.TryRead(process.Id, out var stat))
                {
                    record = template with { Pid = process.Id, StartTicks = stat.StartTicks };
                    registry.Write(record);
                    onRegistered?.Invoke();
                }
            }
            catch (CliException)
            {
                process.Kill();
                throw;
            }
            try
            {
                int exitCode = ChildProcess.WaitForwardingSignals(process);
                Task.WaitAll(tees, s_drainTimeout);
                return exitCode;
            }
            finally
            {
                if (record is not null) registry.RemoveIfSame(record);
            }
        }
    }
}
