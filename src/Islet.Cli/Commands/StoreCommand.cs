using System.CommandLine;
using Islet.Cli.StoreCli;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet store</c>: a versioned store of byte values in a Git repository (Islet.Store), with
/// <c>init</c>, <c>get</c>, <c>set</c>, <c>rm</c>, <c>ls</c>, <c>log</c>, <c>branch</c>,
/// <c>merge</c>, <c>revert</c>, <c>reset</c>, <c>gc</c>, <c>watch</c>, and sync with Git remotes:
/// <c>clone</c>, <c>pull</c>, <c>push</c> and <c>serve</c>. Each subcommand takes
/// <c>--store/-C DIR</c> (default <c>$ISLET_STORE</c>, else the current directory); commands that
/// commit take <c>--author</c> and <c>-m</c>. Errors follow <see cref="IsletCommandLine"/>: one
/// <c>islet: </c> line, exit 1 for failures (a missing store, path, branch or commit; a merge
/// conflict) and 2 for usage errors.
/// </summary>
public static class StoreCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "store";

    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(CommandContext context) => new(Name, "Work with a versioned store: a git repository of values at paths")
    {
        StoreDataCommands.Init(context),
        StoreDataCommands.Get(context),
        StoreDataCommands.Set(context),
        StoreDataCommands.Remove(context),
        StoreDataCommands.List(context),
        StoreHistoryCommands.Log(context),
        StoreBranchCommands.Branch(context),
        StoreBranchCommands.Merge(context),
        StoreHistoryCommands.Revert(context),
        StoreHistoryCommands.Reset(context),
        StoreHistoryCommands.Collect(context),
        StoreWatchCommand.Create(context),
        StoreSyncCommands.Clone(context),
        StoreSyncCommands.Pull(context),
        StoreSyncCommands.Push(context),
        StoreServeCommand.Create(context),
    };
}
