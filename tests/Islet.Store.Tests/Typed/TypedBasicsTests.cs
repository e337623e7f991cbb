using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Merge;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Get, set, remove, list, snapshots and transactions, on every backend.</summary>
public sealed class TypedBasicsTests
{
    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void SetThenGetNestedPaths(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        Assert.False(store.Find("main", "a/b/c").HasValue);
        store.Set("main", "a/b/c", "deep", Info("one"));
        store.Set("main", "top", "shallow", Info("two", 1));
        Assert.Equal("deep", store.Get("main", "a/b/c"));
        Assert.Equal("shallow", store.Get("main", "top"));
        Assert.False(store.Find("main", "a/b").HasValue);
        Assert.False(store.TryGet("main", "a/b/c/d", out _));
        Assert.Throws<KeyNotFoundException>(() => store.Get("main", "missing"));
        Assert.Equal(2, store.Log("main").Count);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void RemoveDropsTheValueAndEmptyDirectories(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Set("main", "a/b/c", "x", Info("set"));
        store.Set("main", "k", "y", Info("set k", 1));
        store.Remove("main", "a/b/c", Info("remove", 2));
        Assert.False(store.Find("main", "a/b/c").HasValue);
        Assert.Equal(["k"], store.List("main", "").Select(e => e.Name));
        GitObjectId head = store.Head("main")!.Value;
        Assert.Equal(head, store.Remove("main", "not/there", Info("no-op", 3)));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void ListShowsChildrenInGitOrderWithTheirKinds(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Commit("main", t => t.Set("d/x", "1").Set("d/y/z", "2").Set("d/a.txt", "3"), Info("batch"));
        IReadOnlyList<StoreEntry> children = store.List("main", "d");
        Assert.Equal(["a.txt", "x", "y"], children.Select(c => c.Name));
        Assert.Equal([false, false, true], children.Select(c => c.IsDirectory));
        Assert.Empty(store.List("main", "d/x"));
        Assert.Empty(store.List("main", "nowhere"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void SnapshotsDoNotChangeAndWalkEveryValue(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Commit("main", t => t.Set("b", "2").Set("a/x", "1").Set("a/y", "0"), Info("first"));
        StoreSnapshot<string> before = store.Snapshot("main");
        store.Commit("main", t => t.Set("a/x", "changed").Remove("b"), Info("second", 1));
        Assert.Equal("1", before.Get("a/x"));
        Assert.Equal("2", before.Get("b"));
        Assert.Equal([("a/x", "1"), ("a/y", "0"), ("b", "2")], before.Walk().Select(p => (p.Key.ToString(), p.Value)));
        Assert.Equal([("a/x", "changed"), ("a/y", "0")], store.Snapshot("main").Walk().Select(p => (p.Key.ToString(), p.Value)));
        Assert.Equal([("a/y", "0")], before.Walk("a/y").Select(p => (p.Key.ToString(), p.Value)));
        Assert.True(before.IsDirectory("a"));
        Assert.False(before.IsDirectory("b"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void ATransactionIsOneCommitAndLaterOperationsWin(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Set("main", "old/keep", "k", Info("seed"));
        GitObjectId head = store.Commit("main", t =>
        {
            for (int i = 0; i < 200; i++)
                t.Set($"items/{i % 10}/{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            t.Remove("items/3");
            t.Set("items/3/new", "n");
            t.Set("v", "first").Set("v", "second");
            t.Set("p", "value").Set("p/q", "now a directory");
            t.Remove("old").Set("old/fresh", "f");
        }, Info("bulk", 1));
        StoreCommit commit = store.ReadCommit(head);
        Assert.Single(commit.Commit.Parents);
        Assert.Equal(2, store.Log("main").Count);
        StoreSnapshot<string> s = store.Snapshot(head);
        Assert.Equal("199", s.Get("items/9/199"));
        Assert.Equal(["new"], s.List("items/3").Select(e => e.Name));
        Assert.Equal("second", s.Get("v"));
        Assert.Equal("now a directory", s.Get("p/q"));
        Assert.Equal(["fresh"], s.List("old").Select(e => e.Name));
        Assert.Equal(head, store.Commit("main", t => t.Set("v", "second"), Info("same value", 2)));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void CommitsCarryAuthorCommitterTimeZoneAndMessage(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        GitObjectId id = store.Set("main", "x", "1", Info("A message", 42) with { CommitterName = "Bot", CommitterEmail = "bot@example.org" });
        GitCommit commit = store.ReadCommit(id).Commit;
        Assert.Equal("Ada Tester", commit.Author.NameText);
        Assert.Equal("ada@example.org", commit.Author.EmailText);
        Assert.Equal("Bot", commit.Committer.NameText);
        Assert.Equal(1_700_000_042, commit.Author.Seconds);
        Assert.Equal("+0530", commit.Author.TimeZone);
        Assert.Equal("A message\n", store.ReadCommit(id).Message);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void CommitTimeComesFromTheStoreClockWhenNotGiven(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var clock = new ManualTimeProvider();
        clock.Advance(TimeSpan.FromSeconds(77));
        Store<string> store = Strings(backend, new StoreOptions { Time = clock });
        GitObjectId id = store.Set("main", "x", "1", new CommitInfo("A", "a@example.org", "m"));
        Assert.Equal(1_700_000_077, store.ReadCommit(id).Commit.Committer.Seconds);
        Assert.Equal("+0000", store.ReadCommit(id).Commit.Committer.TimeZone);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void BadInputGivesDocumentedErrors(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        Assert.Equal(StoreError.InvalidPath, Assert.Throws<StoreException>(() => store.Set("main", StorePath.Root, "x", Info("root"))).Error);
        Assert.Equal(StoreError.InvalidBranchName, Assert.Throws<StoreException>(() => store.Set("bad..name", "x", "x", Info("b"))).Error);
        GitObjectId blob = backend.Objects.Write(GitObjectType.Blob, "not a commit"u8);
        Assert.True(backend.Refs.TryUpdate("refs/heads/broken", null, blob));
        Assert.Equal(StoreError.NotACommit, Assert.Throws<StoreException>(() => store.Head("broken")).Error);
        Assert.Equal(StoreError.NotACommit, Assert.Throws<StoreException>(() => store.Set("broken", "x", "1", Info("c"))).Error);
        GitObjectId missing = GitObjectId.Compute(GitObjectType.Commit, "nothing"u8, backend.Objects.Algorithm);
        Assert.Equal(StoreError.MissingObject, Assert.Throws<StoreException>(() => store.Snapshot(missing)).Error);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void AValueThatDoesNotDecodeIsCorruptValue(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Strings(backend).Set("main", "hits", "not a number", Info("text"));
        var counters = new Store<Counter>(backend, ContentTypes.Counter);
        Assert.Equal(StoreError.CorruptValue, Assert.Throws<StoreException>(() => counters.Find("main", "hits")).Error);
        new Store<byte[]>(backend, ContentTypes.Bytes).Set("main", "bin", [0xff, 0xfe], Info("bytes", 1));
        Assert.Equal(StoreError.CorruptValue, Assert.Throws<StoreException>(() => Strings(backend).Find("main", "bin")).Error);
    }
}
