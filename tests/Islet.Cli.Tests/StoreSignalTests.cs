using System.Diagnostics;
using Islet.Cli.Internal;

namespace Islet.Cli.Tests;

/// <summary><c>islet store serve</c> as a real process: SIGTERM stops it cleanly.</summary>
public sealed class StoreSignalTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Serve_exits_0_on_sigterm_after_serving_a_clone()
    {
        _store.Set("k", "v");
        string islet = Path.Combine(AppContext.BaseDirectory, "islet.dll");
        Assert.True(File.Exists(islet), "islet.dll is copied beside the tests by the build");
        int port = Loopback.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { islet, "store", "serve", "-C", _store.StorePath, "--port", port.ToString() })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            if (!Loopback.WaitForListener(port, () => process.HasExited))
                Assert.Fail("serve did not listen: " + (process.HasExited ? await error : ""));
            GitProcess.Run(_store.Temp.Path, "clone", "-q", $"http://127.0.0.1:{port}/store", _store.Temp.Combine("copy"));
            Assert.Equal("v", File.ReadAllText(_store.Temp.Combine("copy", "k")));
            Assert.Equal(0, Libc.Kill(process.Id, Libc.SIGTERM));
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "serve did not stop within 30 s of SIGTERM");
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", await error);
        Assert.Equal($"serving {_store.StorePath} at http://127.0.0.1:{port}/store\n", await output);
    }
}
