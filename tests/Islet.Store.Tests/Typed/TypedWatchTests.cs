using Islet.Store.Backends;
using Islet.Store.Git;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Watches: callbacks and async streams of branch moves, from this backend instance at once and from elsewhere by polling.</summary>
public sealed class TypedWatchTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void CallbacksSeeMovesMadeThroughAnyStoreOnTheBackend(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var options = new StoreOptions { WatchPollInterval = null };
        Store<string> watcher = Strings(backend, options), writer = Strings(backend, options);
        var changes = new List<BranchChange>();
        using (BranchWatch watch = watcher.Watch("main", changes.Add))
        {
            GitObjectId first = writer.Set("main", "x", "1", Info("one"));
            GitObjectId second = writer.Set("main", "x", "2", Info("two", 1));
            writer.Set("other", "x", "elsewhere", Info("other branch", 2));
            Assert.Equal([new BranchChange("main", null, first), new BranchChange("main", first, second)], changes);
            writer.Reset("main", first);
            Assert.Equal(new BranchChange("main", second, first), changes[^1]);
            writer.DeleteBranch("main");
            Assert.Equal(new BranchChange("main", first, null), changes[^1]);
        }
        int seen = changes.Count;
        writer.Set("main", "x", "after", Info("after dispose", 3));
        Assert.Equal(seen, changes.Count);
    }

    [Fact]
    public void A_callback_that_throws_fails_no_writer_is_counted_and_still_gets_later_moves()
    {
        using IStoreBackend backend = Create(Memory);
        Store<string> store = Strings(backend, new StoreOptions { WatchPollInterval = null });
        var seen = new List<BranchChange>();
        var failure = new InvalidOperationException("the callback's own bug");
        using BranchWatch watch = store.Watch("main", change =>
        {
            seen.Add(change);
            if (seen.Count == 1)
                throw failure;
        });
        Assert.Equal(0, watch.CallbackFailures);
        Assert.Null(watch.LastCallbackFailure);

        GitObjectId first = store.Set("main", "x", "1", Info("one"));
        Assert.Equal(first, store.Head("main"));
        Assert.Equal(1, watch.CallbackFailures);
        Assert.Same(failure, watch.LastCallbackFailure);

        GitObjectId second = store.Set("main", "x", "2", Info("two", 1));
        Assert.Equal([new BranchChange("main", null, first), new BranchChange("main", first, second)], seen);
        Assert.Equal(1, watch.CallbackFailures);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public async Task AsyncStreamsDeliverEachMove(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend, new StoreOptions { WatchPollInterval = null });
        using var cancel = new CancellationTokenSource(s_hangGuard);
        await using IAsyncEnumerator<BranchChange> changes = store.WatchAsync("main", cancel.Token).GetAsyncEnumerator(cancel.Token);
        ValueTask<bool> firstMove = changes.MoveNextAsync();
        GitObjectId one = store.Set("main", "k", "1", Info("one"));
        Assert.True(await firstMove);
        Assert.Equal(new BranchChange("main", null, one), changes.Current);
        GitObjectId two = store.Set("main", "k", "2", Info("two", 1));
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(new BranchChange("main", one, two), changes.Current);
    }

    [ToolFact("git", "git")]
    public async Task PollingNoticesGitItselfMovingTheBranchWhenTheClockAdvances()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-watch-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory);
        var clock = new ManualTimeProvider();
        Store<string> store = Strings(backend, new StoreOptions { Time = clock, WatchPollInterval = TimeSpan.FromSeconds(5) });
        GitObjectId first = store.Set("main", "k", "1", Info("one"));
        GitObjectId detached = store.CommitDetached(first, t => t.Set("k", "by git"), Info("moved by git", 1));
        var seen = new TaskCompletionSource<BranchChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using BranchWatch watch = store.Watch("main", c => seen.TrySetResult(c));
        Git.GitCommandLine.Script(directory, $"git --git-dir=. update-ref refs/heads/main {detached} {first}");
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(seen.Task.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        BranchChange change = await seen.Task.WaitAsync(s_hangGuard);
        Assert.Equal(new BranchChange("main", first, detached), change);
        watch.Dispose();
        await watch.Polling.WaitAsync(s_hangGuard);
        Assert.Equal(0, clock.ActiveTimers);
    }
}
