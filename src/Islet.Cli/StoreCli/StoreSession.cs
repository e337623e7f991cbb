using System.CommandLine;
using Islet.Store;
using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Cli.StoreCli;

/// <summary>
/// One subcommand's view of a store: the opened <see cref="FileSystemBackend"/>, a byte store over
/// it, the chosen branch, and how names on the command line become commits and commit info.
/// Every failure is a <see cref="CliException"/> with a one-line message.
/// </summary>
internal sealed class StoreSession
{
    private readonly ParseResult _result;
    private readonly StoreOptionSet _options;

    private StoreSession(CommandContext context, ParseResult result, StoreOptionSet options, FileSystemBackend backend, StoreOptions? storeOptions)
    {
        Context = context;
        _result = result;
        _options = options;
        Backend = backend;
        Store = new Store<byte[]>(backend, ContentTypes.Bytes, storeOptions);
        Branch = (options.Branch is null ? null : result.GetValue(options.Branch)) ?? StoreOptionSet.DefaultBranch;
        Store<byte[]>.RefNameOf(Branch);
    }

    /// <summary>Where output goes and variables come from.</summary>
    public CommandContext Context { get; }

    /// <summary>The store's repository.</summary>
    public FileSystemBackend Backend { get; }

    /// <summary>The store, holding raw bytes.</summary>
    public Store<byte[]> Store { get; }

    /// <summary>The branch of <c>--branch</c> (checked to be a valid name, not to exist).</summary>
    public string Branch { get; }

    /// <summary>Opens the store of <c>--store</c>; a failure when there is no repository there.</summary>
    public static StoreSession Open(CommandContext context, ParseResult result, StoreOptionSet options, StoreOptions? storeOptions = null)
    {
        string directory = options.StoreDirectory(result, context.Environment);
        if (!Directory.Exists(directory))
            throw CliException.Failure($"no store at '{directory}' (no such directory; see islet store init)");
        FileSystemBackend backend;
        try
        {
            backend = FileSystemBackend.Open(directory);
        }
        catch (StoreException e) when (e.Error == StoreError.UnsupportedRepository)
        {
            throw CliException.Failure($"no store at '{directory}': {Sentence(e.Message)}");
        }
        return new StoreSession(context, result, options, backend, storeOptions);
    }

    /// <summary>True when no branch has a commit yet (a fresh store).</summary>
    public bool IsEmpty => Store.Branches().Count == 0;

    /// <summary>
    /// The head of <paramref name="branch"/>; null only when the store is empty (its first write
    /// makes the branch). A failure naming the known branches when it does not exist otherwise.
    /// </summary>
    public GitObjectId? HeadOrEmpty(string branch)
    {
        if (Store.Head(branch) is GitObjectId head)
            return head;
        if (IsEmpty)
            return null;
        throw UnknownBranch(branch);
    }

    /// <summary>The head of <paramref name="branch"/>; a failure when it does not exist.</summary>
    public GitObjectId RequireHead(string branch) => Store.Head(branch) ?? throw UnknownBranch(branch);

    /// <summary>
    /// A commit named on the command line: a branch, <c>HEAD</c>, or a commit id in hex (at least
    /// 4 digits of a unique prefix). A failure when it names nothing, or something that is not a commit.
    /// </summary>
    public GitObjectId ResolveCommit(string name)
    {
        if (name == "HEAD")
            return Backend.Refs.Resolve("HEAD") ?? throw CliException.Failure("HEAD names no commit yet");
        if (IsBranchName(name) && Store.Head(name) is GitObjectId head)
            return head;
        GitObjectId id = ResolveHex(name);
        if (Backend.Database.TryReadObject(id) is not GitCommit)
            throw CliException.Failure($"'{name}' is not a commit");
        return id;
    }

    /// <summary>The path argument parsed; a failure for a malformed one.</summary>
    public static StorePath ParsePath(string text) =>
        StorePath.TryParse(text, out StorePath path)
            ? path
            : throw CliException.Failure($"invalid path '{text}': segments are separated by single '/', and may not be empty, '.', '..' or contain NUL");

    /// <summary>Who commits and why: the author of <c>--author</c> or the environment, the message of <c>-m</c> or <paramref name="defaultMessage"/>.</summary>
    public CommitInfo Info(string defaultMessage)
    {
        var (name, email) = AuthorResolver.Resolve(_options.Author is null ? null : _result.GetValue(_options.Author), Context.Environment.GetVariable);
        string? message = _options.Message is null ? null : _result.GetValue(_options.Message);
        return new CommitInfo(name, email, string.IsNullOrEmpty(message) ? defaultMessage : message);
    }

    /// <summary>
    /// Merges <paramref name="theirs"/> into the existing <paramref name="branch"/>. Up to date and
    /// fast-forward need no author (a fast-forward moves the branch by compare-and-swap); a merge
    /// commit takes its info from <see cref="Info"/> with <paramref name="message"/>.
    /// </summary>
    public StoreMergeResult<byte[]> Merge(string branch, GitObjectId theirs, string message)
    {
        GitObjectId head = RequireHead(branch);
        if (head == theirs || Store.IsAncestor(theirs, head))
            return new StoreMergeResult<byte[]>(MergeOutcome.UpToDate, head, []);
        if (Store.IsAncestor(head, theirs) && !HasAuthor())
        {
            Store.Reset(branch, theirs, head);
            return new StoreMergeResult<byte[]>(MergeOutcome.FastForward, theirs, []);
        }
        return Store.MergeInto(branch, theirs, Info(message));
    }

    /// <summary>The first 7 hex digits of <paramref name="id"/>, as git abbreviates.</summary>
    public static string Short(GitObjectId id) => id.ToString()[..7];

    /// <summary>The branch HEAD points at, or null when HEAD is detached or missing.</summary>
    public string? CurrentBranch() =>
        Backend.Refs.Read("HEAD") is { IsSymbolic: true } head && head.SymbolicTarget!.StartsWith("refs/heads/", StringComparison.Ordinal)
            ? head.SymbolicTarget["refs/heads/".Length..]
            : null;

    /// <summary>True when an author is known; a malformed <c>--author</c> is still a usage error.</summary>
    private bool HasAuthor()
    {
        if (_options.Author is not null && _result.GetValue(_options.Author) is not null)
        {
            Info("");
            return true;
        }
        try
        {
            Info("");
            return true;
        }
        catch (CliException)
        {
            return false;
        }
    }

    private CliException UnknownBranch(string branch)
    {
        IReadOnlyList<string> known = Store.Branches();
        return CliException.Failure($"unknown branch '{branch}' (branches: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
    }

    private static bool IsBranchName(string name)
    {
        try
        {
            Store<byte[]>.RefNameOf(name);
            return true;
        }
        catch (StoreException)
        {
            return false;
        }
    }

    private GitObjectId ResolveHex(string name)
    {
        int full = GitObjectId.LengthOf(Backend.Algorithm) * 2;
        if (name.Length == full && GitObjectId.TryParse(name, out GitObjectId id))
            return id;
        if (name.Length < 4 || name.Length > full || !name.All(Uri.IsHexDigit))
            throw CliException.Failure($"'{name}' is neither a branch nor a commit id");
        string prefix = name.ToLowerInvariant();
        GitObjectId? found = null;
        foreach (GitObjectId candidate in Backend.Database.EnumerateIds())
        {
            if (!candidate.ToString().StartsWith(prefix, StringComparison.Ordinal) || candidate == found)
                continue;
            if (found is not null)
                throw CliException.Failure($"'{name}' is ambiguous: several objects start with it");
            found = candidate;
        }
        return found ?? throw CliException.Failure($"no commit '{name}' in the store");
    }

    private static string Sentence(string message) => message.TrimEnd('.');
}
