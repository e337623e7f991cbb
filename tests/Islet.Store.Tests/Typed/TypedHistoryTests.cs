using Islet.Store.Backends;
using Islet.Store.Git;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Log, ancestors, is-ancestor and all lowest common ancestors on linear, branching and criss-cross graphs.</summary>
public sealed class TypedHistoryTests
{
    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void LogIsNewestFirstAndAncestryFollowsParents(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        GitObjectId[] ids = Enumerable.Range(0, 5).Select(i => store.Set("main", "x", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Info($"c{i}", i))).ToArray();
        Assert.Equal(ids.Reverse(), store.Log("main").Select(c => c.Id));
        Assert.Equal(["c4\n", "c3\n"], store.Log("main", limit: 2).Select(c => c.Message));
        Assert.True(store.IsAncestor(ids[0], ids[4]));
        Assert.True(store.IsAncestor(ids[2], ids[2]));
        Assert.False(store.IsAncestor(ids[4], ids[0]));
        Assert.Equal(ids.ToHashSet(), store.Ancestors(ids[4]).ToHashSet());
        Assert.Equal([ids[1]], store.LowestCommonAncestors(ids[1], ids[3]));
        Assert.Empty(store.Log("nobranch"));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void TheLowestCommonAncestorOfTwoBranchesIsTheirForkPoint(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        store.Set("main", "a", "0", Info("root"));
        GitObjectId fork = store.Set("main", "a", "1", Info("fork", 1));
        store.CreateBranch("side", "main");
        GitObjectId side = store.Set("side", "s", "1", Info("side", 2));
        side = store.Set("side", "s", "2", Info("side 2", 3));
        GitObjectId main = store.Set("main", "m", "1", Info("main", 4));
        Assert.Equal([fork], store.LowestCommonAncestors(main, side));
        Assert.Equal([fork], store.LowestCommonAncestors(side, main));
        Assert.False(store.IsAncestor(side, main));
        GitObjectId unrelated = store.CommitDetached(null, t => t.Set("u", "u"), Info("unrelated", 5));
        Assert.Empty(store.LowestCommonAncestors(main, unrelated));
    }

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void CrissCrossHistoriesHaveTwoLowestCommonAncestors(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        (GitObjectId m1, GitObjectId x1, GitObjectId m2, GitObjectId x2) = CrissCross(store);
        GitObjectId[] expected = [m1, x1];
        Array.Sort(expected);
        Assert.Equal(expected, store.LowestCommonAncestors(m2, x2));
        Assert.Equal([m1, x1], store.ReadCommit(m2).Commit.Parents);
        Assert.Equal([x1, m1], store.ReadCommit(x2).Commit.Parents);
        GitObjectId b = store.ReadCommit(m1).Commit.Parents[0];
        Assert.Equal(new HashSet<GitObjectId> { b, m1, x1, m2 }, store.Ancestors(m2).ToHashSet());
        Assert.Equal([b], store.LowestCommonAncestors(m1, x1));
    }

    /// <summary>
    /// B on main; side: X1; main: M1; M2 = merge of X1 into main; X2 = merge of M1 into side.
    /// Both M1 and X1 are lowest common ancestors of M2 and X2.
    /// </summary>
    internal static (GitObjectId M1, GitObjectId X1, GitObjectId M2, GitObjectId X2) CrissCross(Store<string> store)
    {
        store.Set("main", "base", "b", Info("B"));
        store.CreateBranch("side", "main");
        GitObjectId x1 = store.Set("side", "x", "1", Info("X1", 1));
        GitObjectId m1 = store.Set("main", "m", "1", Info("M1", 2));
        StoreMergeResult<string> m2 = store.MergeBranch("main", "side", Info("M2", 3));
        StoreMergeResult<string> x2 = store.MergeInto("side", m1, Info("X2", 4));
        Assert.Equal(MergeOutcome.Merged, m2.Outcome);
        Assert.Equal(MergeOutcome.Merged, x2.Outcome);
        return (m1, x1, m2.Commit!.Value, x2.Commit!.Value);
    }
}
