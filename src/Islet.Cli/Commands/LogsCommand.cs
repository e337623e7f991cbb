using System.CommandLine;
using Islet.Cli.Runs;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet logs NAME [-f] [--tail N]</c>: prints a run's log (its standard output and error,
/// the rotated half first), or its last N lines; with <c>-f</c> goes on printing what the run
/// writes until its process exits (or Ctrl+C). The log of a run that has ended stays readable
/// until a new run takes its name.
/// </summary>
public static class LogsCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "logs";

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var name = CommonOptions.RejectOptions(new Argument<string>("NAME") { Description = "The run (see islet ps)" });
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing what the run writes until it exits" };
        var tail = new Option<int?>("--tail") { Description = "Print only the last N lines", HelpName = "N" };
        var command = new Command(Name, "Print the output of a unikernel started by islet run") { name, follow, tail };
        command.SetAction(result =>
        {
            var registry = RunRegistry.FromEnvironment(context.Environment.GetVariable);
            string runName = result.GetValue(name)!;
            string log = registry.LogPath(runName);
            if (!File.Exists(log) && !File.Exists(RunLog.RotatedPath(log)))
            {
                throw registry.TryRead(runName) is null
                    ? CliException.Failure($"no run named '{runName}' (see islet ps)")
                    : CliException.Failure($"run '{runName}' has no log ({log} is missing)");
            }
            if (result.GetValue(tail) is < 0) throw CliException.Usage("--tail must be 0 or more lines");
            var output = context.Environment.Out;
            var reader = new LogReader(log);
            output.Write(reader.ReadAll(result.GetValue(tail)));
            output.Flush();
            if (result.GetValue(follow)) Follow(registry, runName, reader, output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Follow(RunRegistry registry, string name, LogReader reader, TextWriter output)
    {
        while (true)
        {
            // Checked before reading, so what the run wrote just before it exited is still printed.
            bool running = registry.TryRead(name) is { } run && run.IsAlive();
            output.Write(reader.ReadNew());
            output.Flush();
            if (!running) return;
            Thread.Sleep(s_poll);
        }
    }
}
