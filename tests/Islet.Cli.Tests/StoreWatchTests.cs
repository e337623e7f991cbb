namespace Islet.Cli.Tests;

public sealed class StoreWatchTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Watch_prints_old_and_new_heads_for_concurrent_sets_and_stops_after_count()
    {
        string first = _store.Set("k", "0");
        var watcher = new CliHarness(_store.Temp.Path).WithVariable("ISLET_STORE", _store.StorePath);
        Task<CliResult> watch = Task.Run(() => watcher.Run("store", "watch", "--count", "2"));

        // The watch may start after some of these sets: keep committing until it has seen two moves.
        var heads = new List<string> { first };
        for (int i = 1; !watch.IsCompleted && i <= 600; i++)
        {
            heads.Add(_store.Set("k", i.ToString()));
            await Task.WhenAny(watch, Task.Delay(50));
        }
        CliResult result = await watch.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        string? previousNew = null;
        foreach (string line in lines)
        {
            string[] ids = line.Split(' ');
            Assert.Equal(2, ids.Length);
            int oldIndex = heads.IndexOf(ids[0]), newIndex = heads.IndexOf(ids[1]);
            Assert.True(oldIndex >= 0 && newIndex > oldIndex, $"'{line}' is not a forward move of main");
            if (previousNew is not null)
                Assert.Equal(previousNew, ids[0]);
            previousNew = ids[1];
        }
    }

    [Fact]
    public async Task Watch_runs_until_stopped_as_by_ctrl_c()
    {
        using var stop = new CancellationTokenSource();
        var watcher = new CliHarness(_store.Temp.Path) { Cancellation = stop.Token }.WithVariable("ISLET_STORE", _store.StorePath);
        Task<CliResult> watch = Task.Run(() => watcher.Run("store", "watch"));
        await Task.Delay(200);
        Assert.False(watch.IsCompleted);
        stop.Cancel();
        CliResult result = await watch.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Watch_reports_a_branch_appearing_or_going_with_zeros()
    {
        string head = _store.Set("k", "v");
        var watcher = new CliHarness(_store.Temp.Path).WithVariable("ISLET_STORE", _store.StorePath);
        Task<CliResult> watch = Task.Run(() => watcher.Run("store", "watch", "-b", "later", "--count", "1"));
        for (int i = 0; i < 600 && !watch.IsCompleted; i++)
        {
            _store.Ok("store", "branch", "later");
            await Task.WhenAny(watch, Task.Delay(50));
            _store.Ok("store", "branch", "-d", "later");
            await Task.WhenAny(watch, Task.Delay(50));
        }
        CliResult result = await watch.WaitAsync(TimeSpan.FromSeconds(30));
        string zeros = new('0', 40);
        Assert.Contains(result.Out, new[] { $"{zeros} {head}\n", $"{head} {zeros}\n" });
    }

    [Fact]
    public void Watch_rejects_a_count_below_one()
    {
        var result = _store.Cli.Run("store", "watch", "--count", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("islet: --count must be 1 or more", Assert.Single(result.ErrorLines));
    }
}
