using System.Diagnostics;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Spt;

/// <summary>The www image, sealed, served under spt through user-mode networking and through a TAP device.</summary>
[Collection("spt")]
public sealed class SptWwwTests(SptFixture fixture)
{
    [Fact]
    public async Task WwwUnderSptAnswersCurlThroughUserNetworking()
    {
        int port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { fixture.IsletDll, "run", fixture.WwwImage, "-t", "spt", "-p", $"127.0.0.1:{port}:80" }) start.ArgumentList.Add(a);
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
            var missing = Curl("-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/no-such-page");
            Assert.Equal("404", missing.Stdout);
            var keepAlive = Curl("-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", $"http://127.0.0.1:{port}/", $"http://127.0.0.1:{port}/about.html");
            Assert.Equal("200 1\n200 0\n", keepAlive.Stdout);
        }
        finally
        {
            Process.Start("kill", ["-TERM", server.Id.ToString()])!.WaitForExit();
            Assert.True(server.WaitForExit(15_000), "islet run -t spt did not stop on SIGTERM");
        }
        Assert.Equal(0, server.ExitCode);
        string banner = await stdout;
        await stderr;
        Assert.Contains("sealed by a", banner);
        Assert.Contains("seccomp filter", banner);
    }

    [NetworkNamespaceFact]
    public void WwwUnderSptServesCurlOnATapDevice()
    {
        using var ns = new NetworkNamespace();
        var server = ns.Start(fixture.Launcher, fixture.WwwImage, "--net", "tap:spt0", "--", "--islet-ip", "10.91.0.2/24");
        try
        {
            // The launcher creates the TAP device; the image runs a while on a link that is down first.
            TapLink.BringUp(ns, server, "spt0", "10.91.0.1/24", TimeSpan.FromMilliseconds(300));
            Assert.Equal("200", TapLink.Get(ns, "http://10.91.0.2/"));
        }
        finally
        {
            server.Kill();
            server.WaitForExit(10_000);
        }
    }

    private static ProcessRunner.Result Curl(params string[] arguments) =>
        ProcessRunner.Run("curl", ["--silent", "--show-error", "--max-time", "30", .. arguments], TimeSpan.FromSeconds(40));
}
