using System.Diagnostics;
using Islet.Cli.Runs;

namespace Islet.Cli.Tests;

/// <summary><c>islet ps</c>, <c>stop</c> and <c>logs</c> on registered runs (real processes, in-process CLI), and <c>islet run</c> registering a foreground run.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RunsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliHarness _cli;
    private readonly RunRegistry _registry;
    private readonly List<Process> _processes = [];

    public RunsCommandTests()
    {
        _cli = new CliHarness(_temp.Path);
        _registry = new RunRegistry(_temp.Combine(".runs"));
        _registry.EnsureCreated();
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
        _temp.Dispose();
    }

    private RunRecord StartSleeper(string name, string script = "sleep 30")
    {
        var process = Process.Start("sh", ["-c", script])!;
        _processes.Add(process);
        var record = RunRegistryTests.Live(_registry, name, process.Id);
        _registry.Write(record);
        return record;
    }

    [Fact]
    public void Ps_lists_live_runs_in_aligned_columns_and_removes_stale_records()
    {
        var live = StartSleeper("web");
        _registry.Write(RunRegistryTests.Record(_registry, "gone", live.Pid, live.StartTicks + 1));

        var all = _cli.Run("ps", "--all");
        Assert.Equal(0, all.ExitCode);
        var lines = all.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^NAME +PID +TARGET +IMAGE +PORTS +STATUS +UP$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("gone ") && l.Contains(" exited "));
        Assert.Equal(lines[0].IndexOf("PID"), lines[1].IndexOf(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));

        var ps = _cli.Run("ps");
        lines = ps.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches($@"^web +{live.Pid} +unix +www +127\.0\.0\.1:8080->80 +\d+s$", lines[1]);
        Assert.Null(_registry.TryRead("gone"));
        Assert.Contains("\"status\": \"running\"", _cli.Run("ps", "--json").Out);
    }

    [Fact]
    public void Stop_terminates_the_process_and_removes_its_record()
    {
        var run = StartSleeper("web");
        var result = _cli.Run("stop", "web");
        Assert.Equal((0, "web\n", ""), (result.ExitCode, result.Out.ReplaceLineEndings("\n"), result.Error));
        Assert.True(_processes[0].WaitForExit(5_000));
        Assert.False(run.IsAlive());
        Assert.Null(_registry.TryRead("web"));
    }

    [Fact]
    public void Stop_kills_a_process_that_ignores_sigterm_after_the_timeout()
    {
        StartSleeper("stubborn", "trap '' TERM; while true; do sleep 0.1; done");
        Thread.Sleep(200); // let the shell set its trap
        var clock = Stopwatch.StartNew();
        var result = _cli.Run("stop", "stubborn", "--timeout", "0.5");
        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.5));
        Assert.True(_processes[0].WaitForExit(5_000));
    }

    [Fact]
    public void Stop_of_unknown_or_exited_runs_is_a_clear_failure_and_stops_the_rest()
    {
        StartSleeper("web");
        _registry.Write(RunRegistryTests.Record(_registry, "gone", Environment.ProcessId, 1));
        var result = _cli.Run("stop", "nope", "gone", "web", "--kill");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("web\n", result.Out.ReplaceLineEndings("\n"));
        Assert.Equal(
            ["islet: no run named 'nope' (see islet ps)",
             $"islet: run 'gone' had already exited (pid {Environment.ProcessId} is gone); its record is removed"],
            result.ErrorLines);
        Assert.True(_processes[0].WaitForExit(5_000));
    }

    [Fact]
    public void Logs_prints_the_log_or_its_tail_and_unknown_names_fail()
    {
        File.WriteAllText(_registry.LogPath("web"), "one\ntwo\nthree\n");
        Assert.Equal("one\ntwo\nthree\n", _cli.Run("logs", "web").Out);
        Assert.Equal("three\n", _cli.Run("logs", "web", "--tail", "1").Out);
        Assert.Equal("one\ntwo\nthree\n", _cli.Run("logs", "web", "-f").Out); // no live run: follows nothing
        var unknown = _cli.Run("logs", "nope");
        Assert.Equal((1, "islet: no run named 'nope' (see islet ps)"), (unknown.ExitCode, Assert.Single(unknown.ErrorLines)));
        Assert.Equal(2, _cli.Run("logs", "../x").ExitCode);
    }

    [Fact]
    public void Foreground_run_tees_its_output_to_the_log_and_unregisters_on_exit()
    {
        string image = _temp.WriteFile("app", "#!/bin/sh\necho out\necho err >&2\nls \"$ISLET_TEST_RUNS\" > \"$ISLET_TEST_RUNS/../seen.txt\"\nexit 4\n");
        File.SetUnixFileMode(image, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("ISLET_TEST_RUNS", _registry.Directory);
        var result = _cli.Run("run", "app", "--name", "fg");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("out\n", result.Out);
        Assert.Equal("err\n", result.Error);
        Assert.Contains("fg.json", File.ReadAllText(_temp.Combine("seen.txt"))); // registered while it ran
        Assert.Null(_registry.TryRead("fg"));
        Assert.Equal(["err", "out"], File.ReadAllLines(_registry.LogPath("fg")).Order());
    }
}
