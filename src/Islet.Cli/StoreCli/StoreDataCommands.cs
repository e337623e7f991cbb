using System.CommandLine;
using System.Text;
using Islet.Cli.Commands;
using Islet.Store;
using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Cli.StoreCli;

/// <summary>
/// <c>islet store init|get|set|rm|ls</c>: make a store, and read and write its values (raw bytes
/// at slash-separated paths). Every write is one commit on the branch.
/// </summary>
internal static class StoreDataCommands
{
    /// <summary><c>init [DIR] [--sha256]</c>: a new bare repository whose HEAD names <c>main</c>; prints where.</summary>
    public static Command Init(CommandContext context)
    {
        var directory = CommonOptions.RejectOptions(new Argument<string?>("DIR") { Description = "Where to make the store (default: --store, $ISLET_STORE, else the current directory)", Arity = ArgumentArity.ZeroOrOne });
        var sha256 = new Option<bool>("--sha256") { Description = "Use the SHA-256 object format (default: SHA-1)" };
        var command = new Command("init", "Create an empty store: a bare git repository") { directory, sha256 };
        var options = new StoreOptionSet(command, commits: false, branchDescription: null);
        StoreAction.Set(command, result =>
        {
            string? given = result.GetValue(directory);
            string path = given is null ? options.StoreDirectory(result, context.Environment) : context.Environment.FullPath(given);
            if (File.Exists(path))
                throw CliException.Failure($"cannot make a store at '{path}': it is a file");
            if (File.Exists(Path.Combine(path, "HEAD")) || Directory.Exists(Path.Combine(path, ".git")))
                throw CliException.Failure($"'{path}' already holds a repository");
            var algorithm = result.GetValue(sha256) ? GitHashAlgorithm.Sha256 : GitHashAlgorithm.Sha1;
            using FileSystemBackend backend = FileSystemBackend.Init(path, bare: true, algorithm);
            context.Environment.Out.WriteLine($"initialized empty store in {backend.GitDirectory} ({(algorithm == GitHashAlgorithm.Sha256 ? "sha256" : "sha1")})");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>get PATH</c>: the value's bytes on standard output, unchanged.</summary>
    public static Command Get(CommandContext context)
    {
        var path = PathArgument("The path of the value", required: true);
        var command = new Command("get", "Print the value at a path (its raw bytes)") { path };
        var options = new StoreOptionSet(command, commits: false);
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            StorePath at = StoreSession.ParsePath(result.GetValue(path)!);
            GitObjectId? head = session.HeadOrEmpty(session.Branch);
            StoreSnapshot<byte[]>? snapshot = head is GitObjectId h ? session.Store.Snapshot(h) : null;
            if (snapshot is null || !snapshot.TryGet(at, out byte[] value))
            {
                string what = snapshot is not null && snapshot.IsDirectory(at) ? "is a directory (see islet store ls)" : "holds no value";
                throw CliException.Failure($"'{at}' {what} on branch '{session.Branch}'");
            }
            WriteBytes(context.Environment, value);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>set PATH VALUE|--file F|-</c>: one commit setting the value; prints the commit.</summary>
    public static Command Set(CommandContext context)
    {
        var path = PathArgument("The path of the value", required: true);
        var value = new Argument<string?>("VALUE") { Description = "The value as UTF-8 text, or '-' to read standard input", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file", "-f") { Description = "Read the value from this file", HelpName = "FILE" };
        var command = new Command("set", "Set the value at a path, as one commit") { path, value, file };
        var options = new StoreOptionSet(command, commits: true);
        StoreAction.Set(command, result =>
        {
            string pathText = result.GetValue(path)!;
            byte[] bytes = ReadValue(context.Environment, result.GetValue(value), result.GetValue(file));
            var session = StoreSession.Open(context, result, options);
            StorePath at = StoreSession.ParsePath(pathText);
            if (at.IsRoot)
                throw CliException.Failure("the root is a directory; give a path such as 'a/b'");
            CommitInfo info = session.Info($"set {at}");
            GitObjectId? before = session.HeadOrEmpty(session.Branch);
            GitObjectId after = session.Store.Set(session.Branch, at, bytes, info);
            context.Environment.Out.WriteLine(after == before ? $"{session.Branch}: unchanged at {after}" : $"{session.Branch}: {after}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>rm PATH</c>: one commit removing the value or directory; a failure when nothing is there.</summary>
    public static Command Remove(CommandContext context)
    {
        var path = PathArgument("The path of the value or directory to remove", required: true);
        var command = new Command("rm", "Remove the value (or directory) at a path, as one commit") { path };
        var options = new StoreOptionSet(command, commits: true);
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            StorePath at = StoreSession.ParsePath(result.GetValue(path)!);
            GitObjectId? head = session.HeadOrEmpty(session.Branch);
            if (at.IsRoot)
                throw CliException.Failure("cannot remove the root");
            bool present = head is GitObjectId h && session.Store.Snapshot(h) is var snapshot && (snapshot.Find(at).HasValue || snapshot.IsDirectory(at));
            if (!present)
                throw CliException.Failure($"nothing at '{at}' on branch '{session.Branch}'");
            GitObjectId after = session.Store.Remove(session.Branch, at, session.Info($"remove {at}"));
            context.Environment.Out.WriteLine($"{session.Branch}: {after}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>ls [PATH] [-r]</c>: the names in a directory (directories end in '/'), or with <c>-r</c> every value's full path under it.</summary>
    public static Command List(CommandContext context)
    {
        var path = PathArgument("The directory to list (default: the root)", required: false);
        var recursive = new Option<bool>("--recursive", "-r") { Description = "List every value under the directory, with full paths" };
        var command = new Command("ls", "List a directory of the store") { path, recursive };
        var options = new StoreOptionSet(command, commits: false);
        StoreAction.Set(command, result =>
        {
            var session = StoreSession.Open(context, result, options);
            StorePath at = StoreSession.ParsePath(result.GetValue(path) ?? "");
            GitObjectId? head = session.HeadOrEmpty(session.Branch);
            if (head is not GitObjectId h)
                return at.IsRoot ? ExitCodes.Success : throw CliException.Failure($"nothing at '{at}' on branch '{session.Branch}'");
            StoreSnapshot<byte[]> snapshot = session.Store.Snapshot(h);
            TextWriter output = context.Environment.Out;
            if (!snapshot.IsDirectory(at))
            {
                if (!snapshot.Find(at).HasValue)
                    throw CliException.Failure($"nothing at '{at}' on branch '{session.Branch}'");
                output.WriteLine(at.ToString());
            }
            else if (result.GetValue(recursive))
            {
                foreach (var entry in snapshot.Walk(at))
                    output.WriteLine(entry.Key.ToString());
            }
            else
            {
                foreach (StoreEntry entry in snapshot.List(at))
                    output.WriteLine(entry.IsDirectory ? entry.Name + "/" : entry.Name);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Argument<string?> PathArgument(string description, bool required) =>
        CommonOptions.RejectOptions(new Argument<string?>("PATH") { Description = description, Arity = required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne });

    private static byte[] ReadValue(CliEnvironment environment, string? value, string? file)
    {
        if ((value is null) == (file is null))
            throw CliException.Usage("give the value as VALUE, '-' (standard input) or --file FILE, exactly one of them");
        if (file is not null)
        {
            string full = environment.FullPath(file);
            return File.Exists(full) ? File.ReadAllBytes(full) : throw CliException.Usage($"no such file '{file}'");
        }
        if (value == "-")
        {
            using Stream input = environment.OpenInput();
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            return buffer.ToArray();
        }
        return new UTF8Encoding(false).GetBytes(value!);
    }

    private static void WriteBytes(CliEnvironment environment, byte[] value)
    {
        if (environment.RawOut is Stream raw)
        {
            environment.Out.Flush();
            raw.Write(value);
            raw.Flush();
        }
        else
        {
            environment.Out.Write(Encoding.UTF8.GetString(value));
        }
    }
}
