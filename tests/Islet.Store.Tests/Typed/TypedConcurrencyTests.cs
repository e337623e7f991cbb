using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Merge;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Concurrent writers on one branch: the loser of a compare-and-swap merges and retries; nothing is lost or overwritten.</summary>
public sealed class TypedConcurrencyTests
{
    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void ALosingWriterMergesItsCounterIncrementWithTheWinner(string kind)
    {
        using IStoreBackend inner = Create(kind);
        var racing = new InterleavingBackend(inner);
        var loser = new Store<Counter>(racing, ContentTypes.Counter);
        var winner = new Store<Counter>(inner, ContentTypes.Counter);
        loser.Set("main", "hits", new Counter(5), Info("base"));
        GitObjectId? winnerCommit = null;
        racing.BeforeNextUpdate = () => winnerCommit = winner.Update("main", (s, t) => t.Set("hits", s.Get("hits").Add(10)), Info("+10", 1));
        GitObjectId head = loser.Update("main", (s, t) => t.Set("hits", s.Get("hits").Add(1)), Info("+1", 2));
        Assert.Equal(1, racing.FailedUpdates);
        Assert.Equal(new Counter(16), winner.Get("main", "hits"));
        Assert.Equal(head, winner.Head("main"));
        GitCommit merge = winner.ReadCommit(head).Commit;
        Assert.Equal(2, merge.Parents.Count);
        Assert.Equal(winnerCommit, merge.Parents[0]);
        Assert.Equal("+1\n", winner.ReadCommit(merge.Parents[1]).Message);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void WritesToDifferentPathsBothSurvive(string kind)
    {
        using IStoreBackend inner = Create(kind);
        var racing = new InterleavingBackend(inner);
        Store<string> loser = Strings(racing), winner = Strings(inner);
        loser.Set("main", "seed", "s", Info("seed"));
        racing.BeforeNextUpdate = () => winner.Set("main", "theirs", "w", Info("winner", 1));
        loser.Set("main", "ours", "l", Info("loser", 2));
        Assert.Equal([("ours", "l"), ("seed", "s"), ("theirs", "w")], winner.Snapshot("main").Walk().Select(p => (p.Key.ToString(), p.Value)));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void AnUnmergeableConcurrentWriteIsAStructuredConflictAndOverwritesNothing(string kind)
    {
        using IStoreBackend inner = Create(kind);
        var racing = new InterleavingBackend(inner);
        Store<string> loser = Strings(racing), winner = Strings(inner);
        loser.Set("main", "k", "base", Info("base"));
        racing.BeforeNextUpdate = () => winner.Set("main", "k", "winner", Info("winner", 1));
        var e = Assert.Throws<StoreConflictException<string>>(() => loser.Set("main", "k", "loser", Info("loser", 2)));
        Assert.Equal("winner", winner.Get("main", "k"));
        StoreConflict<string> conflict = Assert.Single(e.Conflicts);
        Assert.Equal(("k", "base", "winner", "loser"), (conflict.Path.ToString(), conflict.Base.Value, conflict.Ours.Value, conflict.Theirs.Value));
        Assert.Equal("loser", winner.Snapshot(e.UnmergedCommit).Get("k"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public async Task TwoStoresOnTwoTasksLoseNoIncrement(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var first = new Store<Counter>(backend, ContentTypes.Counter);
        var second = new Store<Counter>(backend, ContentTypes.Counter);
        first.Set("main", "n", new Counter(0), Info("zero"));
        const int each = 40;
        Task Writer(Store<Counter> store, string name) => Task.Run(() =>
        {
            for (int i = 0; i < each; i++)
                store.Update("main", (s, t) => t.Set("n", s.Get("n").Add(1)).Set($"{name}/{i}", new Counter(i)), Info($"{name} {i}", i));
        });
        await Task.WhenAll(Writer(first, "a"), Writer(second, "b"));
        Assert.Equal(new Counter(2 * each), first.Get("main", "n"));
        Assert.Equal(each, first.List("main", "a").Count);
        Assert.Equal(each, first.List("main", "b").Count);
        Assert.Equal(2 * each, first.Log("main").Count(c => c.Commit.Parents.Count == 1));
    }

    [Fact]
    public async Task TwoBackendsOverOneDirectoryLoseNoCommit()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-shared-");
        FileSystemBackend.Init(directory).Dispose();
        using FileSystemBackend a = FileSystemBackend.Open(directory), b = FileSystemBackend.Open(directory);
        var storeA = new Store<Counter>(a, ContentTypes.Counter);
        var storeB = new Store<Counter>(b, ContentTypes.Counter);
        const int each = 25;
        // Each writer's commits differ from the other's (the message names the writer): two byte-identical
        // commits (same parent, tree, author, time and message) are one object and count once.
        Task Writer(Store<Counter> store, string name) => Task.Run(() =>
        {
            for (int i = 0; i < each; i++)
                store.Update("main", (s, t) => t.Set("n", (s.TryGet("n", out Counter c) ? c : new Counter(0)).Add(1)), Info($"{name} inc {i}", i));
        });
        await Task.WhenAll(Writer(storeA, "a"), Writer(storeB, "b"));
        Assert.Equal(new Counter(2 * each), storeB.Get("main", "n"));
    }

    [ToolFact("git", "git")]
    public async Task GitInAnotherProcessAndTheStoreCommitConcurrentlyAndLoseNothing()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-twoproc-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory);
        var store = new Store<string>(backend, ContentTypes.String);
        store.Set("main", "n", "0", Info("zero"));
        const int rounds = 10;
        // Another process (git) commits files git/1..10 with git's own compare-and-swap (update-ref NEW OLD), retrying when it loses.
        Task<string> git = Task.Run(() => Git.GitCommandLine.Script(directory, $$"""
            export GIT_DIR=. GIT_INDEX_FILE="$PWD/islet-test-index" GIT_AUTHOR_NAME=G GIT_AUTHOR_EMAIL=g@example.org GIT_COMMITTER_NAME=G GIT_COMMITTER_EMAIL=g@example.org
            for i in $(seq 1 {{rounds}}); do
              for attempt in $(seq 1 500); do
                old=$(git rev-parse refs/heads/main)
                git read-tree "$old"
                blob=$(echo "git $i" | git hash-object -w --stdin)
                git update-index --add --cacheinfo "100644,$blob,git/$i"
                new=$(git commit-tree "$(git write-tree)" -p "$old" -m "git $i")
                if git update-ref refs/heads/main "$new" "$old" 2>/dev/null; then break; fi
              done
            done
            rm -f "$GIT_INDEX_FILE"
            """));
        int ours = 0;
        while ((!git.IsCompleted || ours < rounds) && ours < 150)
        {
            int i = ++ours;
            store.Update("main", (s, t) => t.Set("n", (int.Parse(s.Get("n"), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), Info($"islet {i}", i));
        }
        await git;
        StoreSnapshot<string> final = store.Snapshot("main");
        Assert.Equal(Enumerable.Range(1, rounds).Select(i => $"git {i}\n"), Enumerable.Range(1, rounds).Select(i => final.Get($"git/{i}")));
        Assert.Equal(ours.ToString(System.Globalization.CultureInfo.InvariantCulture), final.Get("n"));
        Assert.Equal(ours, store.Log("main").Count(c => c.Message.StartsWith("islet ", StringComparison.Ordinal)));
        Git.GitCommandLine.Script(directory, "git --git-dir=. fsck --strict");
    }
}
