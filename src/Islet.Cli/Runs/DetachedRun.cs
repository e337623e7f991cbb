using System.Diagnostics;
using Islet.Cli.Commands;
using Islet.Cli.Internal;

namespace Islet.Cli.Runs;

/// <summary>
/// <c>islet run -d</c>: starts a supervisor, <c>islet supervise</c> (this same program), which
/// leaves our session (setsid) and runs the unikernel as a <see cref="RecordedRun"/> with no
/// console; returns once the supervisor reports the run registered, so the run outlives us.
/// </summary>
internal static class DetachedRun
{
    /// <summary>What the supervisor writes on its standard output once the run is registered.</summary>
    public const string ReadyLine = "registered";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Starts <paramref name="launch"/> detached as <paramref name="record"/>'s run and waits for
    /// its registration; a failure <see cref="CliException"/> with the supervisor's own message
    /// when it could not start the unikernel.
    /// </summary>
    public static void Start(ProcessStartInfo launch, RunRecord record, string workingDirectory)
    {
        var start = SelfCommand();
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (string argument in SuperviseCommand.Arguments(record)) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(launch.FileName);
        foreach (string argument in launch.ArgumentList) start.ArgumentList.Add(argument);

        using var supervisor = ChildProcess.Start(start);
        supervisor.StandardInput.Close();
        var errors = supervisor.StandardError.ReadToEndAsync();
        var ready = supervisor.StandardOutput.ReadLineAsync();
        if (!ready.Wait(s_startTimeout))
        {
            supervisor.Kill(entireProcessTree: true);
            throw CliException.Failure($"the run '{record.Name}' did not start within {s_startTimeout.TotalSeconds:0} s");
        }
        if (ready.Result == ReadyLine) return;
        supervisor.WaitForExit(s_startTimeout);
        string message = errors.Wait(TimeSpan.FromSeconds(5)) ? errors.Result.Trim() : "";
        if (message.StartsWith("islet: ", StringComparison.Ordinal)) message = message["islet: ".Length..];
        throw CliException.Failure(message.Length > 0 ? message : $"the run '{record.Name}' ended at once (see islet logs {record.Name})");
    }

    /// <summary>How to start this program again: the <c>islet</c> apphost, or <c>dotnet islet.dll</c>.</summary>
    private static ProcessStartInfo SelfCommand()
    {
        string? process = Environment.ProcessPath;
        string name = Path.GetFileNameWithoutExtension(process ?? "");
        if (name == "islet") return new ProcessStartInfo(process!) { UseShellExecute = false };
        string host = name == "dotnet" ? process! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "islet.dll"));
        return start;
    }
}
