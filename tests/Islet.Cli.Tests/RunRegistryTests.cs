using Islet.Cli.Runs;

namespace Islet.Cli.Tests;

/// <summary>The run registry: atomic records, stale detection by start time, name allocation, the directory.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RunRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RunRegistry _registry;

    public RunRegistryTests()
    {
        _registry = new RunRegistry(_temp.Combine("runs"));
        _registry.EnsureCreated();
    }

    public void Dispose() => _temp.Dispose();

    internal static RunRecord Record(RunRegistry registry, string name, int pid, ulong ticks) =>
        new(name, pid, ticks, "unix", "/images/www", ["127.0.0.1:8080:80"], DateTimeOffset.UtcNow, registry.LogPath(name));

    internal static RunRecord Live(RunRegistry registry, string name, int pid)
    {
        Assert.True(ProcessStat.TryRead(pid, out var stat));
        return Record(registry, name, pid, stat.StartTicks);
    }

    [Fact]
    public void Directory_is_created_private()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_registry.Directory));
    }

    [Fact]
    public void Unusable_directory_is_a_clear_failure()
    {
        string file = _temp.WriteFile("plain-file", "");
        var registry = new RunRegistry(Path.Combine(file, "runs"));
        var e = Assert.Throws<CliException>(registry.EnsureCreated);
        Assert.Equal(ExitCodes.Failure, e.ExitCode);
        Assert.StartsWith($"cannot use the run directory {Path.Combine(file, "runs")}:", e.Message);
    }

    [Fact]
    public void Directory_comes_from_islet_runtime_dir_then_xdg_runtime_dir()
    {
        var variables = new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = "/run/user/1000" };
        Assert.Equal("/run/user/1000/islet", RunRegistry.FromEnvironment(n => variables.GetValueOrDefault(n)).Directory);
        variables[RunRegistry.DirectoryVariable] = "/var/tmp/mine";
        Assert.Equal("/var/tmp/mine", RunRegistry.FromEnvironment(n => variables.GetValueOrDefault(n)).Directory);
        Assert.StartsWith("/tmp/islet-", RunRegistry.FromEnvironment(_ => null).Directory);
    }

    [Fact]
    public async Task Write_replaces_the_record_atomically_and_leaves_no_temporary_file()
    {
        _registry.Write(Record(_registry, "www", 100, 1));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 2; !stop.IsCancellationRequested; i++) _registry.Write(Record(_registry, "www", 100, (ulong)i));
        });
        for (int i = 0; i < 500; i++) Assert.NotNull(_registry.TryRead("www")); // never a part of a record
        stop.Cancel();
        await writer;

        Assert.Equal(["www.json"], Directory.GetFiles(_registry.Directory).Select(Path.GetFileName));
        var read = _registry.Get("www");
        Assert.Equal(("www", 100, "unix", "/images/www"), (read.Name, read.Pid, read.Target, read.Image));
        Assert.Equal(["127.0.0.1:8080:80"], read.Ports);
    }

    [Fact]
    public void A_run_is_alive_only_while_its_pid_has_the_recorded_start_time()
    {
        var self = Live(_registry, "self", Environment.ProcessId);
        Assert.True(self.IsAlive());
        Assert.False((self with { StartTicks = self.StartTicks + 1 }).IsAlive()); // the pid was reused
        using var exited = System.Diagnostics.Process.Start("true")!;
        exited.WaitForExit();
        Assert.False((self with { Pid = exited.Id }).IsAlive());
    }

    [Fact]
    public void Stat_line_is_parsed_after_the_last_parenthesis()
    {
        string line = "4242 (we ird) (name) S 1 4242 4242 0 -1 4194560 100 0 0 0 3 1 0 0 20 0 1 0 987654 1000 200";
        Assert.True(ProcessStat.TryParse(line, out var stat));
        Assert.Equal(new ProcessStat('S', 987654), stat);
        Assert.False(new ProcessStat('Z', 1).IsRunning);
        Assert.False(ProcessStat.TryParse("4242 (short) S 1", out _));
    }

    [Fact]
    public void Names_come_from_the_image_with_a_suffix_while_a_live_run_has_it()
    {
        Assert.Equal("www", _registry.AllocateName(null, "/images/www.elf"));
        _registry.Write(Live(_registry, "www", Environment.ProcessId));
        string second = _registry.AllocateName(null, "/images/www");
        Assert.Matches("^www-[0-9a-f]{4}$", second);

        _registry.Write(Record(_registry, "old", Environment.ProcessId, 1)); // stale: another start time
        Assert.Equal("old", _registry.AllocateName(null, "/images/old"));
        Assert.Null(_registry.TryRead("old"));
        Assert.Equal("my-app", RunRegistry.BaseName("/x/my app.dll"));
    }

    [Fact]
    public void Explicit_names_must_be_valid_and_free()
    {
        _registry.Write(Live(_registry, "busy", Environment.ProcessId));
        var taken = Assert.Throws<CliException>(() => _registry.AllocateName("busy", "/images/www"));
        Assert.StartsWith("a run named 'busy' is already running", taken.Message);
        var bad = Assert.Throws<CliException>(() => _registry.AllocateName("../etc", "/images/www"));
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Equal("t1", _registry.AllocateName("t1", "/images/www"));
    }

    [Fact]
    public void RemoveIfSame_keeps_a_newer_run_of_the_same_name()
    {
        var old = Record(_registry, "www", 10, 1);
        _registry.Write(old with { Pid = 11 });
        _registry.RemoveIfSame(old);
        Assert.NotNull(_registry.TryRead("www"));
        _registry.RemoveIfSame(old with { Pid = 11 });
        Assert.Null(_registry.TryRead("www"));
    }
}
