using System.CommandLine;
using Islet.Cli.Commands;
using Islet.Store;
using Islet.Store.Git;

namespace Islet.Cli.StoreCli;

/// <summary><c>islet store branch|merge</c>: list, create and delete branches, and merge one into another.</summary>
internal static class StoreBranchCommands
{
    /// <summary>
    /// <c>branch</c> lists the branches (<c>*</c> marks the one HEAD names) with their heads;
    /// <c>branch NAME [--from REF]</c> creates one; <c>branch -d NAME</c> deletes one.
    /// </summary>
    public static Command Branch(CommandContext context)
    {
        var name = CommonOptions.RejectOptions(new Argument<string?>("NAME") { Description = "The branch to create or delete (none: list the branches)", Arity = ArgumentArity.ZeroOrOne });
        var from = new Option<string?>("--from") { Description = "Where a new branch starts: a branch or commit id (default: main)", HelpName = "REF" };
        var delete = new Option<bool>("--delete", "-d") { Description = "Delete the branch (its commits stay until gc)" };
        var command = new Command("branch", "List, create or delete branches") { name, from, delete };
        var options = new StoreOptionSet(command, commits: false, branchDescription: null);
        StoreAction.Set(command, result =>
        {
            string? branch = result.GetValue(name);
            bool deleting = result.GetValue(delete);
            string? start = result.GetValue(from);
            if (branch is null && (deleting || start is not null))
                throw CliException.Usage(deleting ? "branch -d needs the NAME of the branch to delete" : "--from needs the NAME of a branch to create");
            if (deleting && start is not null)
                throw CliException.Usage("--from and --delete do not go together");
            var session = StoreSession.Open(context, result, options);
            TextWriter output = context.Environment.Out;
            if (branch is null)
            {
                string? current = session.CurrentBranch();
                foreach (string existing in session.Store.Branches())
                {
                    StoreCommit head = session.Store.ReadCommit(session.RequireHead(existing));
                    output.WriteLine($"{(existing == current ? '*' : ' ')} {existing} {StoreSession.Short(head.Id)} {CommitFormatter.Subject(head)}");
                }
                return ExitCodes.Success;
            }
            Store<byte[]>.RefNameOf(branch);
            if (deleting)
            {
                GitObjectId was = session.RequireHead(branch);
                if (branch == session.CurrentBranch())
                    throw CliException.Failure($"cannot delete branch '{branch}': HEAD names it");
                session.Store.DeleteBranch(branch);
                output.WriteLine($"deleted branch {branch} (was {StoreSession.Short(was)})");
                return ExitCodes.Success;
            }
            if (session.Store.Head(branch) is not null)
                throw CliException.Failure($"branch '{branch}' already exists");
            GitObjectId at = session.ResolveCommit(start ?? StoreOptionSet.DefaultBranch);
            session.Store.CreateBranch(branch, at);
            output.WriteLine($"created branch {branch} at {at}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>merge BRANCH [--into B]</c>: merges BRANCH's head into B (default main) with the
    /// store's three-way merge; prints the fast-forward or merge commit, or every conflicting
    /// path (nothing changes, exit 1).
    /// </summary>
    public static Command Merge(CommandContext context)
    {
        var from = CommonOptions.RejectOptions(new Argument<string>("BRANCH") { Description = "The branch (or commit id) to merge" });
        var into = new Option<string>("--into") { Description = "The branch that receives the merge", HelpName = "BRANCH", DefaultValueFactory = _ => StoreOptionSet.DefaultBranch };
        var command = new Command("merge", "Merge a branch into another (three-way, with per-path conflicts)") { from, into };
        var options = new StoreOptionSet(command, commits: true, branchDescription: null);
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            string target = result.GetValue(into)!;
            Store<byte[]>.RefNameOf(target);
            session.RequireHead(target);
            string source = result.GetValue(from)!;
            GitObjectId theirs = session.ResolveCommit(source);
            string message = $"Merge {(session.Store.Head(source) is null ? "commit" : "branch")} '{source}' into {target}";
            StoreMergeResult<byte[]> outcome = session.Merge(target, theirs, message);
            return ConflictReport.Print(context.Environment.Out, "merge", target, outcome, session.Backend.Algorithm);
        });
        return command;
    }
}
