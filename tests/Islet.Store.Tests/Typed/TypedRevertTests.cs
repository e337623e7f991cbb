using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Merge;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Revert: a new commit undoing an older commit's changes by three-way merge, with structured conflicts.</summary>
public sealed class TypedRevertTests
{
    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void RevertUndoesOneCommitAndKeepsLaterOnes(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Commit("main", t => t.Set("a", "1").Set("b", "1"), Info("base"));
        GitObjectId bad = store.Commit("main", t => t.Set("a", "bad").Set("new", "n").Remove("b"), Info("bad", 1));
        GitObjectId later = store.Set("main", "c", "later", Info("later", 2));
        StoreMergeResult<string> result = store.Revert("main", bad, Info("Revert bad", 3));
        Assert.Equal(MergeOutcome.Merged, result.Outcome);
        Assert.Equal(result.Commit, store.Head("main"));
        Assert.Equal([later], store.ReadCommit(result.Commit!.Value).Commit.Parents);
        Assert.Equal([("a", "1"), ("b", "1"), ("c", "later")], store.Snapshot("main").Walk().Select(p => (p.Key.ToString(), p.Value)));
        Assert.Equal(MergeOutcome.UpToDate, store.Revert("main", bad, Info("again", 4)).Outcome);
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void RevertingACounterIncrementSubtractsIt(string kind)
    {
        using IStoreBackend backend = Create(kind);
        var store = new Store<Counter>(backend, ContentTypes.Counter);
        store.Set("main", "n", new Counter(10), Info("base"));
        GitObjectId plusFive = store.Update("main", (s, t) => t.Set("n", s.Get("n").Add(5)), Info("+5", 1));
        store.Update("main", (s, t) => t.Set("n", s.Get("n").Add(100)), Info("+100", 2));
        Assert.True(store.Revert("main", plusFive, Info("revert +5", 3)).IsOk);
        Assert.Equal(new Counter(110), store.Get("main", "n"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void RevertingAChangeEditedLaterConflictsAndMovesNothing(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Set("main", "k", "v1", Info("base"));
        GitObjectId change = store.Set("main", "k", "v2", Info("change", 1));
        GitObjectId head = store.Set("main", "k", "v3", Info("edit again", 2));
        StoreMergeResult<string> result = store.Revert("main", change, Info("revert", 3));
        Assert.Equal(MergeOutcome.Conflicted, result.Outcome);
        StoreConflict<string> conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("k", "v2", "v3", "v1"), (conflict.Path.ToString(), conflict.Base.Value, conflict.Ours.Value, conflict.Theirs.Value));
        Assert.Equal(head, store.Head("main"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void RevertingTheRootCommitRemovesWhatItAdded(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        GitObjectId root = store.Set("main", "first", "1", Info("root"));
        store.Set("main", "second", "2", Info("second", 1));
        Assert.True(store.Revert("main", root, Info("revert root", 2)).IsOk);
        Assert.Equal(["second"], store.Snapshot("main").Walk().Select(p => p.Key.ToString()));
    }
}
