using System.CommandLine;
using System.Net;
using Islet.Events;
using Islet.Http;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Islet.Store.Sync.Server;

namespace Islet.Cli.StoreCli;

/// <summary>
/// <c>serve [--port P] [--listen ADDR] [--name NAME] [--read-only]</c>: serves the store over
/// Git's smart HTTP protocol (clone, fetch and, unless read-only, push) with Islet.Http on the
/// unix target's stack and an event loop on the calling thread. Prints
/// <c>serving DIR at http://ADDR:PORT/NAME</c> once listening, and runs until Ctrl-C or SIGTERM.
/// </summary>
internal static class StoreServeCommand
{
    /// <summary>The largest push body accepted (256 MiB).</summary>
    public const long MaxPushBytes = 256L * 1024 * 1024;

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var port = new Option<int>("--port", "-p") { Description = "The TCP port (0: any free port)", HelpName = "PORT", DefaultValueFactory = _ => 8418 };
        var listen = new Option<string>("--listen") { Description = "The address to listen on", HelpName = "ADDR", DefaultValueFactory = _ => "127.0.0.1" };
        var name = new Option<string?>("--name") { Description = "The repository's name in URLs (default: the store directory's name, without .git)", HelpName = "NAME" };
        var readOnly = new Option<bool>("--read-only") { Description = "Refuse pushes (clone and fetch still work)" };
        var command = new Command("serve", "Serve the store over Git's smart HTTP protocol until interrupted") { port, listen, name, readOnly };
        var options = new StoreOptionSet(command, commits: false, branchDescription: null);
        StoreAction.Set(command, result =>
        {
            int portNumber = result.GetValue(port);
            if (portNumber is < 0 or > 65535)
                throw CliException.Usage("--port must be 0-65535");
            if (!IPAddress.TryParse(result.GetValue(listen), out IPAddress? address))
                throw CliException.Usage($"bad --listen '{result.GetValue(listen)}': expected an IP address such as 127.0.0.1");
            var session = StoreSession.Open(context, result, options);
            string repositoryName = result.GetValue(name) ?? DefaultName(session.Backend.GitDirectory);
            if (!GitRepositoryRegistry.IsValidName(repositoryName))
                throw CliException.Usage($"'{repositoryName}' cannot be a repository name in a URL; give --name");
            var registry = new GitRepositoryRegistry();
            registry.Add(repositoryName, session.Backend, new GitRepositoryPolicy { ReadOnly = result.GetValue(readOnly) });
            var handler = new GitHttpHandler(registry);

            using var stop = new StopSignal(context.Environment);
            using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
            using CancellationTokenRegistration shutdown = stop.Token.Register(loop.RequestShutdown);
            loop.Run(async () =>
            {
                var stack = new UnixStack(loop);
                var listener = await stack.Tcp.ListenAsync(new IPEndPoint(address, portNumber));
                var server = new HttpServer(listener, handler, new HttpServerOptions { MaxRequestBodySize = MaxPushBytes });
                IPEndPoint bound = listener.LocalEndPoint;
                string host = bound.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString();
                context.Environment.Out.WriteLine($"serving {session.Backend.GitDirectory} at http://{host}:{bound.Port}/{repositoryName}{(result.GetValue(readOnly) ? " (read-only)" : "")}");
                context.Environment.Out.Flush();
                await server.RunAsync(loop.ShutdownToken);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static string DefaultName(string gitDirectory)
    {
        string directory = Path.GetFileName(gitDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (directory == ".git")
            directory = Path.GetFileName(Path.GetDirectoryName(gitDirectory.TrimEnd(Path.DirectorySeparatorChar))) ?? "store";
        return directory.EndsWith(".git", StringComparison.Ordinal) ? directory[..^4] : directory;
    }
}
