using System.Diagnostics;

namespace Islet.Integration.Tests;

/// <summary>
/// The built www image run in the background as a user would: <c>islet run -d</c>, then
/// <c>islet ps</c>, <c>logs</c> and <c>stop</c>, with a private run directory (ISLET_RUNTIME_DIR).
/// </summary>
[Collection("www")]
public sealed class WwwBackgroundRunTests(WwwFixture www) : IDisposable
{
    private readonly string _runs = Path.Combine(Path.GetTempPath(), "islet-runs-" + Guid.NewGuid().ToString("N")[..8]);

    private ProcessRunner.Result Islet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(www.IsletDll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["ISLET_RUNTIME_DIR"] = _runs;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"islet {string.Join(' ', arguments)} did not finish in 60 s");
        }
        return new ProcessRunner.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        Islet("stop", "t1", "--kill"); // in case a check failed while it ran
        try { Directory.Delete(_runs, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Detached_run_is_listed_serves_logs_and_stops()
    {
        int port = Ports.Free();
        var run = Islet("run", www.Image, "-t", "unix", "-d", "--name", "t1", "-p", $"127.0.0.1:{port}:80");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("t1\n", run.Stdout); // returned at once, the unikernel still running
        Ports.WaitUntilListening(port, TimeSpan.FromSeconds(30));

        var ps = Islet("ps");
        Assert.Equal(0, ps.ExitCode);
        string row = Assert.Single(ps.Stdout.Split('\n'), l => l.StartsWith("t1 "));
        var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int pid = int.Parse(columns[1]);
        Assert.Equal(["unix", "www", $"127.0.0.1:{port}->80"], columns[2..5]);
        Assert.Equal(www.Image, File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0]); // the image itself, not a wrapper

        Assert.Equal("200", www.Curl("-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/").Stdout);
        var logs = Islet("logs", "t1");
        Assert.Contains($"islet: unix target: guest port 80 published on 127.0.0.1:{port}", logs.Stdout);

        var stop = Islet("stop", "t1");
        Assert.Equal((0, "t1\n"), (stop.ExitCode, stop.Stdout));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline) Thread.Sleep(50); // reaped by its supervisor
        Assert.False(Directory.Exists($"/proc/{pid}"), $"pid {pid} is still there after islet stop");
        Assert.DoesNotContain("t1", Islet("ps", "--all").Stdout);
        Assert.Contains("published on", Islet("logs", "t1").Stdout); // the log outlives the run

        var again = Islet("stop", "t1");
        Assert.Equal((1, "islet: no run named 't1' (see islet ps)\n"), (again.ExitCode, again.Stderr));
    }
}
