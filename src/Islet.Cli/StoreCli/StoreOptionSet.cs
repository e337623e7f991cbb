using System.CommandLine;

namespace Islet.Cli.StoreCli;

/// <summary>
/// The options every <c>islet store</c> subcommand shares, added to one subcommand:
/// <c>--store/-C DIR</c> and <c>--branch/-b B</c>, and for commands that commit also
/// <c>--author "Name &lt;email&gt;"</c> and <c>--message/-m</c>.
/// </summary>
internal sealed class StoreOptionSet
{
    /// <summary>The branch commands use when <c>--branch</c> is not given.</summary>
    public const string DefaultBranch = "main";

    /// <summary>The variable naming the store directory when <c>--store</c> is not given.</summary>
    public const string StoreVariable = "ISLET_STORE";

    /// <summary>Adds the shared options to <paramref name="command"/>; <paramref name="commits"/> adds the author and message too.</summary>
    /// <remarks><paramref name="branchDescription"/> null: no <c>--branch</c> (for <c>init</c>).</remarks>
    public StoreOptionSet(Command command, bool commits, string? branchDescription = "The branch to use")
    {
        Store = new Option<string?>("--store", "-C")
        {
            Description = $"The store: a git directory, bare or with a .git folder (default: ${StoreVariable}, else the current directory)",
            HelpName = "DIR",
        };
        command.Options.Add(Store);
        if (branchDescription is not null)
        {
            Branch = new Option<string>("--branch", "-b")
            {
                Description = branchDescription,
                HelpName = "BRANCH",
                DefaultValueFactory = _ => DefaultBranch,
            };
            command.Options.Add(Branch);
        }
        if (!commits)
            return;
        Author = new Option<string?>("--author")
        {
            Description = "The commit author (default: $ISLET_AUTHOR_NAME/$ISLET_AUTHOR_EMAIL, else $GIT_AUTHOR_NAME/$GIT_AUTHOR_EMAIL)",
            HelpName = "\"NAME <EMAIL>\"",
        };
        Message = new Option<string?>("--message", "-m")
        {
            Description = "The commit message (default: one describing the change)",
            HelpName = "TEXT",
        };
        command.Options.Add(Author);
        command.Options.Add(Message);
    }

    /// <summary><c>--store/-C</c>.</summary>
    public Option<string?> Store { get; }

    /// <summary><c>--branch/-b</c>; null for <c>init</c>.</summary>
    public Option<string>? Branch { get; }

    /// <summary><c>--author</c>; null for commands that do not commit.</summary>
    public Option<string?>? Author { get; }

    /// <summary><c>--message/-m</c>; null for commands that do not commit.</summary>
    public Option<string?>? Message { get; }

    /// <summary>The store directory: <c>--store</c>, else <c>$ISLET_STORE</c>, else the current directory; absolute.</summary>
    public string StoreDirectory(ParseResult result, CliEnvironment environment)
    {
        string? given = result.GetValue(Store);
        if (string.IsNullOrEmpty(given))
            given = environment.GetVariable(StoreVariable);
        return string.IsNullOrEmpty(given) ? environment.CurrentDirectory : environment.FullPath(given);
    }
}
