using System.Diagnostics;

namespace Islet.Cli.Tests;

/// <summary><c>git daemon</c> on 127.0.0.1 exporting the repositories under a directory, push enabled; killed on dispose.</summary>
internal sealed class GitDaemon : IDisposable
{
    private Process? _process;

    public GitDaemon(string baseDirectory)
    {
        for (int attempt = 0; attempt < 4 && _process is null; attempt++)
        {
            Port = Loopback.FreePort();
            var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in new[] { "daemon", "--reuseaddr", "--listen=127.0.0.1", $"--port={Port}", $"--base-path={baseDirectory}", "--export-all", "--enable=receive-pack", baseDirectory })
                start.ArgumentList.Add(argument);
            start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            if (Loopback.WaitForListener(Port, () => process.HasExited))
                _process = process;
            else
                Stop(process);
        }
        if (_process is null)
            throw new InvalidOperationException("git daemon did not start listening.");
    }

    public int Port { get; private set; }

    public string Url(string name) => $"git://127.0.0.1:{Port}/{name}";

    public void Dispose()
    {
        if (_process is not null)
            Stop(_process);
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
