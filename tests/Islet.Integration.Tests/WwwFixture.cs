using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Islet.Integration.Tests;

/// <summary>
/// Builds the www example once per test run with <c>islet build -t unix</c> (NativeAOT) and
/// serves it with <c>islet run -t unix -p PORT:80</c>, as a user would; stops it afterwards.
/// </summary>
public sealed class WwwFixture : IDisposable
{
    private readonly Process _server;
    private readonly string _output;

    public WwwFixture()
    {
        RepoRoot = Metadata("IsletRepoRoot");
        var configuration = Metadata("IsletConfiguration");
        IsletDll = Path.Combine(RepoRoot, "src", "Islet.Cli", "bin", configuration, "net9.0", "islet.dll");
        if (!File.Exists(IsletDll)) throw new InvalidOperationException($"The islet command was not built: {IsletDll}");
        if (!File.Exists("/usr/bin/curl")) throw new InvalidOperationException("curl is not installed: run scripts/setup (the test command does).");

        _output = Path.Combine(Path.GetTempPath(), "islet-it-" + Guid.NewGuid().ToString("N")[..8]);
        var build = ProcessRunner.Run("dotnet", [IsletDll, "build", Path.Combine(RepoRoot, "examples", "www"), "-t", "unix", "-o", _output], TimeSpan.FromMinutes(8));
        if (build.ExitCode != 0) throw new InvalidOperationException($"islet build failed ({build.ExitCode}):\n{build.Stdout}\n{build.Stderr}");
        Image = Path.Combine(_output, "www");
        BuildOutput = build.Stdout;

        Port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { IsletDll, "run", Image, "-t", "unix", "-p", $"127.0.0.1:{Port}:80" }) start.ArgumentList.Add(a);
        start.Environment["ISLET_RUNTIME_DIR"] = Path.Combine(_output, "runs"); // islet run registers the run: not in the user's directory
        _server = Process.Start(start)!;
        RunOutput = _server.StandardOutput.ReadLineAsync(); // the URL line
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        Ports.WaitUntilListening(Port, TimeSpan.FromSeconds(30), () => !_server.HasExited);
    }

    public string RepoRoot { get; }
    public string IsletDll { get; }
    public string Image { get; }
    public string BuildOutput { get; }
    public Task<string?> RunOutput { get; }
    public int Port { get; }
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public ProcessRunner.Result Curl(params string[] arguments) =>
        ProcessRunner.Run("curl", ["--silent", "--show-error", "--max-time", "20", .. arguments], TimeSpan.FromSeconds(30));

    private static string Metadata(string key) =>
        typeof(WwwFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Stops the server with SIGTERM (as a service manager would) and checks it exits.</summary>
    public int Stop()
    {
        if (_server.HasExited) return _server.ExitCode;
        Process.Start("kill", ["-TERM", _server.Id.ToString()])!.WaitForExit();
        if (!_server.WaitForExit(10_000))
        {
            _server.Kill(entireProcessTree: true);
            return -1;
        }
        return _server.ExitCode;
    }

    public void Dispose()
    {
        Stop();
        _server.Dispose();
        try { Directory.Delete(_output, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition("www")]
public sealed class WwwCollection : ICollectionFixture<WwwFixture>;
