using Islet.Store.Backends;
using Islet.Store.Git;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Branches: create, list, delete, head; detached commits; reset.</summary>
public sealed class TypedBranchTests
{
    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void BranchesAreCreatedListedAndDeleted(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        GitObjectId first = store.Set("main", "x", "1", Info("one"));
        store.CreateBranch("feature/a", "main");
        store.CreateBranch("old", first);
        store.Set("feature/a", "x", "2", Info("two", 1));
        Assert.Equal(["feature/a", "main", "old"], store.Branches());
        Assert.Equal("1", store.Get("main", "x"));
        Assert.Equal("2", store.Get("feature/a", "x"));
        Assert.Equal(StoreError.BranchMoved, Assert.Throws<StoreException>(() => store.CreateBranch("old", first)).Error);
        Assert.Equal(StoreError.NotFound, Assert.Throws<StoreException>(() => store.CreateBranch("x", "nope")).Error);
        Assert.True(store.DeleteBranch("old"));
        Assert.False(store.DeleteBranch("old"));
        Assert.Null(store.Head("old"));
        Assert.Equal(["feature/a", "main"], store.Branches());
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void DetachedCommitsAreOnNoBranchUntilReset(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        GitObjectId main = store.Set("main", "x", "1", Info("one"));
        GitObjectId detached = store.CommitDetached(main, t => t.Set("y", "detached"), Info("detached", 1));
        Assert.Equal(main, store.Head("main"));
        Assert.Equal("detached", store.Snapshot(detached).Get("y"));
        Assert.Equal([main], store.ReadCommit(detached).Commit.Parents);
        store.Reset("main", detached);
        Assert.Equal("detached", store.Get("main", "y"));
        store.Reset("main", main, expectedHead: detached);
        Assert.False(store.Find("main", "y").HasValue);
        Assert.Equal(StoreError.BranchMoved, Assert.Throws<StoreException>(() => store.Reset("main", detached, expectedHead: detached)).Error);
        Assert.Equal(main, store.Head("main"));
    }
}
