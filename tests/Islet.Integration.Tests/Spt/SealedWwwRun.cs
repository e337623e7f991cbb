using System.Diagnostics;

namespace Islet.Integration.Tests.Spt;

/// <summary>
/// <c>islet run IMAGE -t TARGET -p PORT:80</c> for the sealed www image, checked with curl: the
/// index byte-exact, a 404 and keep-alive; then SIGTERM, which must stop it. Shared by the spt and
/// hvt tests; <paramref name="more"/> adds checks against the port while it runs.
/// </summary>
internal static class SealedWwwRun
{
    /// <summary>Runs the checks; returns the exit code and everything the run printed.</summary>
    public static async Task<(int ExitCode, string Output)> ServeAndCheck(SptFixture fixture, string target, Action<int>? more = null)
    {
        int port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { fixture.IsletDll, "run", fixture.WwwImage, "-t", target, "-p", $"127.0.0.1:{port}:80" }) start.ArgumentList.Add(a);
        using var server = Process.Start(start)!;
        var stdout = server.StandardOutput.ReadToEndAsync();
        var stderr = server.StandardError.ReadToEndAsync();
        try
        {
            Ports.WaitUntilListening(port, TimeSpan.FromSeconds(30), () => !server.HasExited);
            // The launcher listens at once; the first request waits for the image to boot and take its DHCP lease.
            var index = Curl("-w", "\n%{http_code}", $"http://127.0.0.1:{port}/");
            Assert.Equal(0, index.ExitCode);
            string expected = File.ReadAllText(Path.Combine(fixture.RepoRoot, "examples", "www", "site", "index.html"));
            Assert.Equal(expected + "\n200", index.Stdout);
            Assert.Equal("404", Curl("-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/no-such-page").Stdout);
            var keepAlive = Curl("-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", $"http://127.0.0.1:{port}/", $"http://127.0.0.1:{port}/about.html");
            Assert.Equal("200 1\n200 0\n", keepAlive.Stdout);
            more?.Invoke(port);
        }
        finally
        {
            Process.Start("kill", ["-TERM", server.Id.ToString()])!.WaitForExit();
            Assert.True(server.WaitForExit(15_000), $"islet run -t {target} did not stop on SIGTERM");
        }
        return (server.ExitCode, await stdout + await stderr);
    }

    /// <summary>curl with a 30 s limit.</summary>
    public static ProcessRunner.Result Curl(params string[] arguments) =>
        ProcessRunner.Run("curl", ["--silent", "--show-error", "--max-time", "30", .. arguments], TimeSpan.FromSeconds(40));
}
