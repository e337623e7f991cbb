namespace Islet.Cli.Tests;

/// <summary><c>islet store clone/pull/push</c> against <c>git daemon</c> serving an Islet-made bare repository.</summary>
public sealed class StoreSyncTests : IDisposable
{
    private readonly StoreFixture _store = new();
    private readonly string _remote;
    private readonly string _local;
    private readonly GitDaemon _daemon;

    public StoreSyncTests()
    {
        string served = _store.Temp.Combine("served");
        Directory.CreateDirectory(served);
        _remote = Path.Combine(served, "remote.git");
        _store.Ok("store", "init", _remote);
        Remote("set", "shared", "base");
        _local = _store.Temp.Combine("local");
        _daemon = new GitDaemon(served);
    }

    public void Dispose()
    {
        _daemon.Dispose();
        _store.Dispose();
    }

    private string Url => _daemon.Url("remote.git");

    private string Remote(params string[] args) => _store.Ok(["store", args[0], "-C", _remote, .. args[1..]]);

    private string Local(params string[] args) => _store.Ok(["store", args[0], "-C", _local, .. args[1..]]);

    private string Head(string repository) => GitProcess.Run(repository, "rev-parse", "main").Trim();

    [Fact]
    public void Clone_then_push_a_fast_forward()
    {
        Assert.Equal($"cloned git://127.0.0.1:{_daemon.Port}/remote.git into {_local}: 1 branch, HEAD main\n", _store.Ok("store", "clone", Url, _local));
        Assert.Equal("base", Local("get", "shared"));
        Assert.Equal(Url + "\n", GitProcess.Run(_local, "config", "remote.origin.url"));

        string before = Head(_remote);
        string pushed = Local("set", "new", "value").Trim().Split(' ')[^1];
        Assert.Equal($"main: {before}..{pushed}\n", Local("push"));
        Assert.Equal(pushed, Head(_remote));
        Assert.Equal("value", GitProcess.Run(_remote, "show", "main:new"));
        Assert.Equal("main: already up to date\n", Local("push", Url));
        GitProcess.Run(_remote, "fsck", "--strict");
    }

    [Fact]
    public void A_diverged_push_is_refused_until_pull_merges_or_force_replaces()
    {
        _store.Ok("store", "clone", Url, _local);
        Remote("set", "remote-side", "r");
        string local = Local("set", "local-side", "l").Trim().Split(' ')[^1];
        string remoteHead = Head(_remote);

        var refused = _store.Cli.Run("store", "push", "-C", _local);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"islet: push of 'main' refused: git://127.0.0.1:{_daemon.Port}/remote.git's main is not an ancestor of the local one (pull first, or push --force)", Assert.Single(refused.ErrorLines));
        Assert.Equal(remoteHead, Head(_remote));

        string pulled = Local("pull");
        string merge = Head(_local);
        Assert.Equal($"main: pull commit {merge}\n", pulled);
        Assert.Equal($"{local} {remoteHead}\n", GitProcess.Run(_local, "log", "-1", "--format=%P", "main"));
        Assert.Equal("local-side\nremote-side\nshared\n", Local("ls", "-r"));
        Local("push");
        Assert.Equal(merge, Head(_remote));

        Local("reset", local);
        Assert.Equal(1, _store.Cli.Run("store", "push", "-C", _local).ExitCode);
        Assert.EndsWith(" (forced)\n", Local("push", "--force"));
        Assert.Equal(local, Head(_remote));
    }

    [Fact]
    public void A_conflicting_pull_lists_the_paths_and_leaves_the_branch()
    {
        _store.Ok("store", "clone", Url, _local);
        Remote("set", "shared", "remote");
        Local("set", "shared", "local");
        string before = Head(_local);

        var result = _store.Cli.Run("store", "pull", "-C", _local);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("CONFLICT shared (values-conflict): base 4 bytes", result.Out);
        Assert.Equal("islet: pull into 'main' conflicts in 1 path; nothing was changed", Assert.Single(result.ErrorLines));
        Assert.Equal(before, Head(_local));
        Assert.Equal("local", Local("get", "shared"));
    }

    [Fact]
    public void Sync_errors_are_one_line()
    {
        var badUrl = _store.Cli.Run("store", "clone", "ftp://example.org/x", _local);
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Equal("islet: bad URL 'ftp://example.org/x': expected git://HOST[:PORT]/PATH or http://HOST[:PORT]/PATH", Assert.Single(badUrl.ErrorLines));

        var missing = _store.Cli.Run("store", "clone", _daemon.Url("absent.git"), _local);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith($"islet: git://127.0.0.1:{_daemon.Port}/absent.git: ", Assert.Single(missing.ErrorLines));
        Assert.False(Directory.Exists(_local));

        var noOrigin = _store.Cli.Run("store", "push");
        Assert.Equal(2, noOrigin.ExitCode);
        Assert.Equal("islet: no URL given and the store has no origin (it was not cloned)", Assert.Single(noOrigin.ErrorLines));
    }
}
