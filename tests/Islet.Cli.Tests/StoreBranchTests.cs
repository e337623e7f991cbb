namespace Islet.Cli.Tests;

public sealed class StoreBranchTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public StoreBranchTests() => _store.Set("shared", "base");

    public void Dispose() => _store.Dispose();

    private string Head(string branch) => GitProcess.Run(_store.StorePath, "rev-parse", branch).Trim();

    [Fact]
    public void Branches_are_created_listed_with_heads_and_deleted()
    {
        string main = Head("main");
        Assert.Equal($"created branch dev at {main}\n", _store.Ok("store", "branch", "dev"));
        string devHead = _store.Set("x", "1", branch: "dev");
        _store.Ok("store", "branch", "old", "--from", main[..8]);
        Assert.Equal($"  dev {devHead[..7]} set x\n* main {main[..7]} set shared\n  old {main[..7]} set shared\n", _store.Ok("store", "branch"));
        Assert.Equal($"deleted branch old (was {main[..7]})\n", _store.Ok("store", "branch", "-d", "old"));
        Assert.Equal("dev\nmain\n", GitProcess.Run(_store.StorePath, "for-each-ref", "--format=%(refname:short)", "refs/heads/"));
    }

    [Fact]
    public void Merge_fast_forwards_when_main_has_not_moved()
    {
        _store.Ok("store", "branch", "dev");
        string dev = _store.Set("x", "1", branch: "dev");
        Assert.Equal($"main: fast-forward to {dev}\n", _store.Ok("store", "merge", "dev"));
        Assert.Equal(dev, Head("main"));
        Assert.Equal("main: already up to date\n", _store.Ok("store", "merge", "dev"));
    }

    [Fact]
    public void Merge_of_disjoint_changes_makes_a_merge_commit_git_agrees_with()
    {
        _store.Ok("store", "branch", "dev");
        string dev = _store.Set("from-dev", "d", branch: "dev");
        string main = _store.Set("from-main", "m");
        string output = _store.Ok("store", "merge", "dev");
        string merge = Head("main");
        Assert.Equal($"main: merge commit {merge}\n", output);
        Assert.Equal($"{merge} {main} {dev}\n", GitProcess.Run(_store.StorePath, "log", "-1", "--format=%H %P", "main"));
        Assert.Equal("from-dev\nfrom-main\nshared\n", _store.Ok("store", "ls", "-r"));
        Assert.StartsWith($"commit {merge}\nMerge: {main[..7]} {dev[..7]}\n", _store.Ok("store", "log", "-n", "1"));
        GitProcess.Run(_store.StorePath, "fsck", "--strict");
    }

    [Fact]
    public void Merge_conflict_prints_every_path_with_its_sides_exits_1_and_changes_nothing()
    {
        _store.Set("gone", "kept");
        _store.Ok("store", "branch", "dev");
        _store.Set("shared", "theirs", branch: "dev");
        _store.Set("gone", "changed", branch: "dev");
        _store.Set("shared", "ours");
        _store.Ok("store", "rm", "gone");
        string main = Head("main"), dev = Head("dev");

        var result = _store.Cli.Run("store", "merge", "dev");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("islet: merge into 'main' conflicts in 2 paths; nothing was changed", Assert.Single(result.ErrorLines));
        Assert.Equal(
            "CONFLICT gone (removed-and-changed): base 4 bytes, blob 1cff52e \"kept\", ours absent, theirs 7 bytes, blob 21fb1ec \"changed\"\n" +
            "CONFLICT shared (values-conflict): base 4 bytes, blob 8681f8b \"base\", ours 4 bytes, blob 424860e \"ours\", theirs 6 bytes, blob 228068d \"theirs\"\n",
            result.Out);
        Assert.Equal(main, Head("main"));
        Assert.Equal(dev, Head("dev"));
        Assert.Equal("ours", _store.Ok("store", "get", "shared"));
    }

    [Fact]
    public void Revert_undoes_one_commit_and_reset_moves_the_branch_back()
    {
        string first = _store.Set("a", "1");
        string second = _store.Set("b", "2");
        _store.Set("a", "3");
        var reverted = _store.Ok("store", "revert", second);
        Assert.StartsWith("main: ", reverted);
        Assert.Equal("a\nshared\n", _store.Ok("store", "ls", "-r"));
        Assert.Equal($"Revert \"set b\"\n\nThis reverts commit {second}.\n", GitProcess.Run(_store.StorePath, "log", "-1", "--format=%B", "main").TrimEnd('\n') + "\n");

        string before = Head("main");
        Assert.Equal($"main: {before} -> {first}\n", _store.Ok("store", "reset", first[..10]));
        Assert.Equal("1", _store.Ok("store", "get", "a"));
    }

    [Fact]
    public void Revert_that_conflicts_with_a_later_change_lists_it_and_changes_nothing()
    {
        string change = _store.Set("a", "1");
        _store.Set("a", "2");
        string head = Head("main");
        var result = _store.Cli.Run("store", "revert", change);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("CONFLICT a (", result.Out);
        Assert.Equal("islet: revert into 'main' conflicts in 1 path; nothing was changed", Assert.Single(result.ErrorLines));
        Assert.Equal(head, Head("main"));
    }
}
