using System.CommandLine;
using System.Text.Json;
using Islet.Cli.Images;
using Islet.Cli.Runs;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet ps [--json] [--all]</c>: the registered runs whose process is still running, as
/// aligned columns NAME, PID, TARGET, IMAGE, PORTS, UP. Records of runs that have gone are
/// removed, or with <c>--all</c> kept and shown with status <c>exited</c>.
/// </summary>
public static class PsCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "ps";

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var all = new Option<bool>("--all", "-a") { Description = "Also show runs whose process has exited (their records are kept)" };
        var command = new Command(Name, "List the running unikernels started by islet run") { json, all };
        command.SetAction(result =>
        {
            var registry = RunRegistry.FromEnvironment(context.Environment.GetVariable);
            var listings = List(registry, result.GetValue(all), DateTimeOffset.UtcNow);
            var output = context.Environment.Out;
            if (result.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(listings, CliJsonContext.Default.IReadOnlyListRunListing));
            else WriteTable(output, listings, result.GetValue(all));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The runs to show at <paramref name="now"/>; without <paramref name="all"/>, stale records are removed instead.</summary>
    public static IReadOnlyList<RunListing> List(RunRegistry registry, bool all, DateTimeOffset now)
    {
        var listings = new List<RunListing>();
        foreach (var run in registry.List())
        {
            bool alive = run.IsAlive();
            if (!alive && !all)
            {
                registry.RemoveIfSame(run);
                continue;
            }
            listings.Add(new RunListing(run, alive ? RunListing.Running : RunListing.Exited, (long)(now - run.Started).TotalSeconds));
        }
        return listings;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<RunListing> listings, bool all)
    {
        var rows = new List<string[]> { all ? ["NAME", "PID", "TARGET", "IMAGE", "PORTS", "STATUS", "UP"] : ["NAME", "PID", "TARGET", "IMAGE", "PORTS", "UP"] };
        foreach (var (run, status, uptime) in listings)
        {
            string ports = run.Ports.Count == 0 ? "-" : string.Join(",", run.Ports.Select(RunListing.FormatPort));
            string up = RunListing.FormatUptime(uptime);
            string image = Path.GetFileName(run.Image);
            rows.Add(all ? [run.Name, $"{run.Pid}", run.Target, image, ports, status, up] : [run.Name, $"{run.Pid}", run.Target, image, ports, up]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))));
        }
    }
}
