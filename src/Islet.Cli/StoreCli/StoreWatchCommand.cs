using System.CommandLine;
using Islet.Store;
using Islet.Store.Git;

namespace Islet.Cli.StoreCli;

/// <summary>
/// <c>watch [--branch B] [--count N]</c>: prints <c>OLD NEW</c> (full commit ids; all zeros for
/// an absent branch) each time the branch moves, until Ctrl-C or SIGTERM, or after N lines.
/// Moves by other processes are seen by re-reading the ref every <see cref="PollInterval"/>; moves
/// in quick succession may be reported as one line.
/// </summary>
internal static class StoreWatchCommand
{
    /// <summary>How often the branch is re-read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var count = new Option<int?>("--count") { Description = "Stop after N changes (default: run until Ctrl-C or SIGTERM)", HelpName = "N" };
        var command = new Command("watch", "Print OLD NEW for each move of a branch, until interrupted") { count };
        var options = new StoreOptionSet(command, commits: false, branchDescription: "The branch to watch (it need not exist yet)");
        StoreAction.Set(command, result =>
        {
            int? limit = result.GetValue(count);
            if (limit is <= 0)
                throw CliException.Usage("--count must be 1 or more");
            var session = StoreSession.Open(context, result, options, new StoreOptions { WatchPollInterval = PollInterval });
            using var stop = new StopSignal(context.Environment);
            return WatchAsync(context.Environment.Out, session, limit ?? int.MaxValue, stop.Token).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> WatchAsync(TextWriter output, StoreSession session, int limit, CancellationToken cancellationToken)
    {
        string absent = new('0', GitObjectId.LengthOf(session.Backend.Algorithm) * 2);
        int printed = 0;
        try
        {
            await foreach (BranchChange change in session.Store.WatchAsync(session.Branch, cancellationToken).ConfigureAwait(false))
            {
                output.WriteLine($"{change.OldHead?.ToString() ?? absent} {change.NewHead?.ToString() ?? absent}");
                output.Flush();
                if (++printed >= limit)
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return ExitCodes.Success;
    }
}
