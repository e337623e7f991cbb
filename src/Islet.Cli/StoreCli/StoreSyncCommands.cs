using System.CommandLine;
using Islet.Cli.Commands;
using Islet.Store;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Sync;

namespace Islet.Cli.StoreCli;

/// <summary>
/// <c>islet store clone|pull|push</c>: sync a store with a remote Git repository over
/// <c>git://</c> (git daemon) or smart HTTP (an Islet <c>serve</c>, git http-backend, ...).
/// </summary>
internal static class StoreSyncCommands
{
    /// <summary><c>clone URL DIR [--sha256]</c>: a new bare store holding the remote's branches and tags, HEAD as the remote's; the URL is kept as origin.</summary>
    public static Command Clone(CommandContext context)
    {
        var url = CommonOptions.RejectOptions(new Argument<string>("URL") { Description = "git://HOST[:PORT]/PATH or http://HOST[:PORT]/PATH" });
        var directory = CommonOptions.RejectOptions(new Argument<string>("DIR") { Description = "The new store (must not exist, or be empty)" });
        var sha256 = new Option<bool>("--sha256") { Description = "The remote uses the SHA-256 object format" };
        var command = new Command("clone", "Copy a remote repository into a new store") { url, directory, sha256 };
        StoreAction.Set(command, result =>
        {
            GitRemoteUrl remote = SyncLoop.ParseUrl(result.GetValue(url)!);
            string path = context.Environment.FullPath(result.GetValue(directory)!);
            if (File.Exists(path) || (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any()))
                throw CliException.Failure($"cannot clone into '{path}': it exists and is not an empty directory");
            bool created = !Directory.Exists(path);
            try
            {
                using FileSystemBackend backend = FileSystemBackend.Init(path, bare: true, result.GetValue(sha256) ? GitHashAlgorithm.Sha256 : GitHashAlgorithm.Sha1);
                GitFetchResult fetched = SyncLoop.Run(remote.ToString(), client => client.CloneAsync(remote, backend).AsTask());
                RemoteConfig.WriteOriginUrl(backend.GitDirectory, result.GetValue(url)!);
                int branches = fetched.Updates.Count(u => u.Name.StartsWith("refs/heads/", StringComparison.Ordinal) && u.Succeeded);
                string head = backend.Refs.Read("HEAD") is { IsSymbolic: true } symbolic ? symbolic.SymbolicTarget!["refs/heads/".Length..] : "(none)";
                context.Environment.Out.WriteLine($"cloned {remote} into {backend.GitDirectory}: {branches} branch{(branches == 1 ? "" : "es")}, HEAD {head}");
                return ExitCodes.Success;
            }
            catch (Exception) when (created || Directory.Exists(path))
            {
                TryRemove(path, created);
                throw;
            }
        });
        return command;
    }

    /// <summary><c>pull [URL] [--branch B]</c>: fetches the remote's branches, then merges its B into the local B (created when missing).</summary>
    public static Command Pull(CommandContext context)
    {
        var url = CommonOptions.RejectOptions(new Argument<string?>("URL") { Description = "The remote (default: the origin the store was cloned from)", Arity = ArgumentArity.ZeroOrOne });
        var command = new Command("pull", "Fetch a remote's branches and merge one into the local branch") { url };
        var options = new StoreOptionSet(command, commits: true, branchDescription: "The branch to pull and merge into");
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            string text = RemoteText(session, result.GetValue(url));
            GitRemoteUrl remote = SyncLoop.ParseUrl(text);
            string remoteName = text == RemoteConfig.ReadOriginUrl(session.Backend.GitDirectory) ? "origin" : "pull";
            var fetchOptions = new GitFetchOptions { RemoteName = remoteName };
            SyncLoop.Run(remote.ToString(), client => client.FetchAsync(remote, session.Backend, fetchOptions).AsTask());
            GitObjectId theirs = session.Backend.Refs.Resolve($"refs/remotes/{remoteName}/{session.Branch}")
                ?? throw CliException.Failure($"{remote} has no branch '{session.Branch}'");
            TextWriter output = context.Environment.Out;
            if (session.Store.Head(session.Branch) is null)
            {
                session.Store.CreateBranch(session.Branch, theirs);
                output.WriteLine($"{session.Branch}: created at {theirs}");
                return ExitCodes.Success;
            }
            StoreMergeResult<byte[]> merged = session.Merge(session.Branch, theirs, $"Merge branch '{session.Branch}' of {text}");
            return ConflictReport.Print(output, "pull", session.Branch, merged, session.Backend.Algorithm);
        });
        return command;
    }

    /// <summary><c>push [URL] [--branch B] [--force]</c>: sends the local B to the remote's B; refused unless it fast-forwards or <c>--force</c> is given.</summary>
    public static Command Push(CommandContext context)
    {
        var url = CommonOptions.RejectOptions(new Argument<string?>("URL") { Description = "The remote (default: the origin the store was cloned from)", Arity = ArgumentArity.ZeroOrOne });
        var force = new Option<bool>("--force", "-f") { Description = "Replace the remote branch even when it does not fast-forward" };
        var command = new Command("push", "Send a branch to a remote repository") { url, force };
        var options = new StoreOptionSet(command, commits: false, branchDescription: "The branch to push");
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            string text = RemoteText(session, result.GetValue(url));
            GitRemoteUrl remote = SyncLoop.ParseUrl(text);
            session.RequireHead(session.Branch);
            string refName = Store<byte[]>.RefNameOf(session.Branch);
            var refspec = new GitPushRefspec(refName, refName);
            GitPushResult pushed = SyncLoop.Run(remote.ToString(), client => client.PushAsync(remote, session.Backend, [refspec], result.GetValue(force)).AsTask());
            GitRefUpdate update = pushed.Updates.Single();
            string branch = session.Branch;
            string line = update.Status switch
            {
                GitRefUpdateStatus.Created => $"{branch}: created at {update.NewId}",
                GitRefUpdateStatus.FastForward => $"{branch}: {update.OldId}..{update.NewId}",
                GitRefUpdateStatus.Forced => $"{branch}: {update.OldId}...{update.NewId} (forced)",
                GitRefUpdateStatus.UpToDate => $"{branch}: already up to date",
                GitRefUpdateStatus.RejectedNonFastForward => throw CliException.Failure(
                    $"push of '{branch}' refused: {remote}'s {branch} is not an ancestor of the local one (pull first, or push --force)"),
                GitRefUpdateStatus.RejectedStale => throw CliException.Failure($"push of '{branch}' refused: {remote}'s {branch} changed meanwhile; try again"),
                _ => throw CliException.Failure($"push of '{branch}' refused by {remote}: {update.Reason ?? update.Status.ToString()}"),
            };
            context.Environment.Out.WriteLine(line);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string RemoteText(StoreSession session, string? given) =>
        given ?? RemoteConfig.ReadOriginUrl(session.Backend.GitDirectory)
            ?? throw CliException.Usage("no URL given and the store has no origin (it was not cloned)");

    private static void TryRemove(string path, bool created)
    {
        try
        {
            if (created)
            {
                Directory.Delete(path, recursive: true);
                return;
            }
            foreach (string entry in Directory.EnumerateFileSystemEntries(path))
            {
                if (Directory.Exists(entry))
                    Directory.Delete(entry, recursive: true);
                else
                    File.Delete(entry);
            }
        }
        catch (IOException)
        {
        }
    }
}
