using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Merge;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Three-way merges of branches: clean, fast-forward, per-type, criss-cross, and structured conflicts.</summary>
public sealed class TypedMergeTests
{
    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void ACleanMergeMakesACommitWithOursFirstAndTheirsSecond(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Commit("main", t => t.Set("shared/a", "a").Set("shared/b", "b"), Info("base"));
        store.CreateBranch("side", "main");
        GitObjectId theirs = store.Commit("side", t => t.Set("shared/b", "b2").Set("side", "s"), Info("side", 1));
        GitObjectId ours = store.Commit("main", t => t.Set("shared/a", "a2").Remove("shared/gone"), Info("main", 2));
        StoreMergeResult<string> result = store.MergeBranch("main", "side", Info("merge side", 3));
        Assert.Equal(MergeOutcome.Merged, result.Outcome);
        Assert.Equal(result.Commit, store.Head("main"));
        Assert.Equal([ours, theirs], store.ReadCommit(result.Commit!.Value).Commit.Parents);
        Assert.Equal([("shared/a", "a2"), ("shared/b", "b2"), ("side", "s")], store.Snapshot("main").Walk().Select(p => (p.Key.ToString(), p.Value)));
        Assert.Equal(MergeOutcome.UpToDate, store.MergeBranch("main", "side", Info("again", 4)).Outcome);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void MergingADescendantFastForwards(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Set("main", "x", "1", Info("base"));
        store.CreateBranch("side", "main");
        GitObjectId ahead = store.Set("side", "x", "2", Info("ahead", 1));
        int before = store.Log("main").Count;
        StoreMergeResult<string> result = store.MergeBranch("main", "side", Info("ff", 2));
        Assert.Equal(MergeOutcome.FastForward, result.Outcome);
        Assert.Equal(ahead, store.Head("main"));
        Assert.Equal(before + 1, store.Log("main").Count);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void CounterIncrementsOnBothSidesAddUp(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var store = new Store<Counter>(backend, ContentTypes.Counter);
        store.Set("main", "hits", new Counter(5), Info("base"));
        store.CreateBranch("side", "main");
        store.Update("side", (s, t) => t.Set("hits", s.Get("hits").Add(3)), Info("+3", 1));
        store.Update("main", (s, t) => t.Set("hits", s.Get("hits").Add(10)), Info("+10", 2));
        Assert.True(store.MergeBranch("main", "side", Info("merge", 3)).IsOk);
        Assert.Equal(new Counter(18), store.Get("main", "hits"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void TheSameIncrementOnBothSidesCountsTwice(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var store = new Store<Counter>(backend, ContentTypes.Counter);
        store.Set("main", "hits", new Counter(5), Info("base"));
        store.CreateBranch("side", "main");
        store.Update("side", (s, t) => t.Set("hits", s.Get("hits").Add(1)), Info("side +1", 1));
        store.Update("main", (s, t) => t.Set("hits", s.Get("hits").Add(1)), Info("main +1", 2));
        Assert.Equal(MergeOutcome.Merged, store.MergeBranch("main", "side", Info("merge", 3)).Outcome);
        Assert.Equal(new Counter(7), store.Get("main", "hits"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void SetsMergeByUnion(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var store = new Store<MergeableSet<string>>(backend, ContentTypes.Set(ByteCodecs.String));
        store.Set("main", "tags", MergeableSet<string>.Of(["a", "b"]), Info("base"));
        store.CreateBranch("side", "main");
        store.Update("side", (s, t) => t.Set("tags", s.Get("tags").Add("c")), Info("add c", 1));
        store.Update("main", (s, t) => t.Set("tags", s.Get("tags").Remove("a")), Info("drop a", 2));
        Assert.True(store.MergeBranch("main", "side", Info("merge", 3)).IsOk);
        Assert.Equal(["b", "c"], store.Get("main", "tags"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void CrissCrossMergesUseAVirtualBase(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var store = new Store<Counter>(backend, ContentTypes.Counter);
        store.Set("main", "c", new Counter(0), Info("B"));
        store.CreateBranch("side", "main");
        store.Update("side", (s, t) => t.Set("c", s.Get("c").Add(1)), Info("X1", 1));
        GitObjectId m1 = store.Update("main", (s, t) => t.Set("c", s.Get("c").Add(10)), Info("M1", 2));
        Assert.Equal(MergeOutcome.Merged, store.MergeBranch("main", "side", Info("M2", 3)).Outcome);
        Assert.Equal(MergeOutcome.Merged, store.MergeInto("side", m1, Info("X2", 4)).Outcome);
        Assert.Equal(new Counter(11), store.Get("main", "c"));
        Assert.Equal(new Counter(11), store.Get("side", "c"));
        store.Update("main", (s, t) => t.Set("c", s.Get("c").Add(100)), Info("M3", 5));
        store.Update("side", (s, t) => t.Set("c", s.Get("c").Add(1000)), Info("X3", 6));
        Assert.Equal(2, store.LowestCommonAncestors(store.Head("main")!.Value, store.Head("side")!.Value).Count);
        Assert.Equal(MergeOutcome.Merged, store.MergeBranch("main", "side", Info("M4", 7)).Outcome);
        // Base 11 (M1 and X1 merged), ours 111, theirs 1011: 1 + 10 + 100 + 1000. With either LCA alone as the base it would be 1112 or 1121.
        Assert.Equal(new Counter(1111), store.Get("main", "c"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void ConflictsListEveryPathWithBaseOursAndTheirs(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Commit("main", t => t.Set("a", "base-a").Set("b", "base-b").Set("d/v", "dv").Set("clean", "c").Set("gone", "g"), Info("base"));
        store.CreateBranch("side", "main");
        store.Commit("side", t => t.Set("a", "theirs-a").Set("b", "theirs-b").Set("d", "a value").Set("new", "theirs-new").Set("gone", "changed"), Info("side", 1));
        GitObjectId ours = store.Commit("main", t => t.Set("a", "ours-a").Set("b", "ours-b").Set("d/v2", "more").Set("new", "ours-new").Set("clean", "c2").Remove("gone"), Info("main", 2));
        StoreMergeResult<string> result = store.MergeBranch("main", "side", Info("merge", 3));
        Assert.Equal(MergeOutcome.Conflicted, result.Outcome);
        Assert.Null(result.Commit);
        Assert.Equal(ours, store.Head("main"));
        Assert.Equal(["a", "b", "d", "gone", "new"], result.Conflicts.Select(c => c.Path.ToString()));
        StoreConflict<string> a = result.Conflicts[0];
        Assert.Equal(StoreConflictKind.ValuesConflict, a.Kind);
        Assert.Equal(("base-a", "ours-a", "theirs-a"), (a.Base.Value, a.Ours.Value, a.Theirs.Value));
        Assert.NotNull(a.ValueConflict);
        Assert.Equal(StoreConflictKind.ValueAndDirectory, result.Conflicts[2].Kind);
        Assert.Equal(Optional<string>.None, result.Conflicts[2].Ours);
        Assert.Equal("a value", result.Conflicts[2].Theirs.Value);
        StoreConflict<string> gone = result.Conflicts[3];
        Assert.Equal(StoreConflictKind.RemovedAndChanged, gone.Kind);
        Assert.Equal(("g", false, "changed"), (gone.Base.Value, gone.Ours.HasValue, gone.Theirs.Value));
        StoreConflict<string> added = result.Conflicts[4];
        Assert.Equal((false, "ours-new", "theirs-new"), (added.Base.HasValue, added.Ours.Value, added.Theirs.Value));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void MergeCommitsMovesNoBranch(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        GitObjectId root = store.Set("main", "r", "r", Info("root"));
        GitObjectId left = store.CommitDetached(root, t => t.Set("l", "l"), Info("left", 1));
        GitObjectId right = store.CommitDetached(root, t => t.Set("r2", "r2"), Info("right", 2));
        StoreMergeResult<string> merged = store.MergeCommits(left, right, Info("detached merge", 3));
        Assert.Equal(MergeOutcome.Merged, merged.Outcome);
        Assert.Equal(root, store.Head("main"));
        Assert.Equal(["l", "r", "r2"], store.Snapshot(merged.Commit!.Value).Walk().Select(p => p.Key.ToString()));
        Assert.Equal(MergeOutcome.FastForward, store.MergeCommits(root, left, Info("ff", 4)).Outcome);
    }
}
