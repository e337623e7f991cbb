using System.CommandLine;
using Islet.Cli.Commands;
using Islet.Store;
using Islet.Store.Git;
using Islet.Store.Git.Gc;

namespace Islet.Cli.StoreCli;

/// <summary><c>islet store log|revert|reset|gc</c>: read and rewind a branch's history, and repack the store.</summary>
internal static class StoreHistoryCommands
{
    /// <summary><c>log [-n N] [--oneline]</c>: the branch's commits, newest first, as <c>git log</c> prints them.</summary>
    public static Command Log(CommandContext context)
    {
        var count = new Option<int?>("--max-count", "-n") { Description = "Show at most N commits", HelpName = "N" };
        var oneLine = new Option<bool>("--oneline") { Description = "One line per commit: the short id and the subject" };
        var command = new Command("log", "Show the branch's commits, newest first") { count, oneLine };
        var options = new StoreOptionSet(command, commits: false);
        StoreAction.Set(command, result =>
        {
            int limit = result.GetValue(count) ?? int.MaxValue;
            if (limit < 0)
                throw CliException.Usage("-n must be 0 or more");
            var session = StoreSession.Open(context, result, options);
            if (session.HeadOrEmpty(session.Branch) is not GitObjectId head)
                return ExitCodes.Success;
            TextWriter output = context.Environment.Out;
            bool first = true;
            foreach (StoreCommit commit in session.Store.Log(head, limit))
            {
                if (result.GetValue(oneLine))
                    CommitFormatter.WriteOneLine(output, commit);
                else
                    CommitFormatter.WriteMedium(output, commit, separate: !first);
                first = false;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>revert COMMIT</c>: a new commit undoing COMMIT's changes; conflicts as for merge.</summary>
    public static Command Revert(CommandContext context)
    {
        var commit = CommonOptions.RejectOptions(new Argument<string>("COMMIT") { Description = "The commit to undo: an id (or unique prefix) or a branch" });
        var command = new Command("revert", "Make a commit undoing an earlier commit's changes") { commit };
        var options = new StoreOptionSet(command, commits: true);
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            session.RequireHead(session.Branch);
            GitObjectId target = session.ResolveCommit(result.GetValue(commit)!);
            StoreCommit reverted = session.Store.ReadCommit(target);
            CommitInfo info = session.Info($"Revert \"{CommitFormatter.Subject(reverted)}\"\n\nThis reverts commit {target}.");
            StoreMergeResult<byte[]> outcome = session.Store.Revert(session.Branch, target, info);
            if (outcome.Outcome == MergeOutcome.UpToDate)
            {
                context.Environment.Out.WriteLine($"{session.Branch}: nothing to revert");
                return ExitCodes.Success;
            }
            if (outcome.IsOk)
            {
                context.Environment.Out.WriteLine($"{session.Branch}: {outcome.Commit}");
                return ExitCodes.Success;
            }
            return ConflictReport.Print(context.Environment.Out, "revert", session.Branch, outcome, session.Backend.Algorithm);
        });
        return command;
    }

    /// <summary><c>reset COMMIT</c>: moves the branch to COMMIT (no new commit; later commits stay in the object store until gc).</summary>
    public static Command Reset(CommandContext context)
    {
        var commit = CommonOptions.RejectOptions(new Argument<string>("COMMIT") { Description = "Where the branch goes: an id (or unique prefix) or a branch" });
        var command = new Command("reset", "Move the branch to another commit") { commit };
        var options = new StoreOptionSet(command, commits: false);
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            GitObjectId before = session.RequireHead(session.Branch);
            GitObjectId target = session.ResolveCommit(result.GetValue(commit)!);
            session.Store.Reset(session.Branch, target, before);
            context.Environment.Out.WriteLine($"{session.Branch}: {before} -> {target}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>gc</c>: packs every reachable object into one pack and drops unreachable ones older than the grace period.</summary>
    public static Command Collect(CommandContext context)
    {
        var command = new Command("gc", "Repack the store and drop unreachable objects (safe while others read)");
        var options = new StoreOptionSet(command, commits: false, branchDescription: null);
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            GitGcResult gc = GitGarbageCollector.Collect(session.Backend.GitDirectory, new GitGcOptions { Algorithm = session.Backend.Algorithm });
            context.Environment.Out.WriteLine(
                $"packed {gc.PackedObjects} objects{(gc.PackName is null ? "" : " into " + gc.PackName)}; removed {gc.RemovedLooseObjects} loose objects and {gc.RemovedPacks} packs; kept {gc.KeptUnreachable} recent unreachable objects");
            return ExitCodes.Success;
        });
        return command;
    }
}
