namespace Islet.Cli.Tests;

public sealed class StoreErrorTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public StoreErrorTests() => _store.Set("a/b", "v");

    public void Dispose() => _store.Dispose();

    private void AssertError(int exitCode, string expected, params string[] args)
    {
        var result = _store.Cli.Run(args);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("islet: " + expected, Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_missing_store_is_one_line()
    {
        string nowhere = _store.Temp.Combine("nowhere");
        AssertError(1, $"no store at '{nowhere}' (no such directory; see islet store init)", "store", "get", "-C", nowhere, "a/b");
        string plain = _store.Temp.Combine("plain");
        Directory.CreateDirectory(plain);
        AssertError(1, $"no store at '{plain}': '{plain}' is not a git repository (no HEAD or objects/)", "store", "ls", "-C", plain);
    }

    [Theory]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a/../b")]
    public void An_invalid_path_is_one_line(string path)
    {
        AssertError(1, $"invalid path '{path}': segments are separated by single '/', and may not be empty, '.', '..' or contain NUL", "store", "set", path, "x");
    }

    [Fact]
    public void An_unknown_branch_and_a_bad_branch_name_are_one_line()
    {
        AssertError(1, "unknown branch 'nope' (branches: main)", "store", "get", "-b", "nope", "a/b");
        AssertError(1, "unknown branch 'nope' (branches: main)", "store", "set", "-b", "nope", "a/b", "x");
        AssertError(1, "unknown branch 'nope' (branches: main)", "store", "merge", "main", "--into", "nope");
        AssertError(1, "'bad..name' is not a valid branch name", "store", "log", "-b", "bad..name");
    }

    [Fact]
    public void Something_that_is_not_a_commit_is_one_line()
    {
        string blob = GitProcess.Run(_store.StorePath, "rev-parse", "main:a/b").Trim();
        AssertError(1, $"'{blob}' is not a commit", "store", "revert", blob);
        AssertError(1, "no commit 'abcdef12' in the store", "store", "reset", "abcdef12");
        AssertError(1, "'zz' is neither a branch nor a commit id", "store", "branch", "x", "--from", "zz");
    }

    [Fact]
    public void Missing_author_and_ambiguous_values_are_usage_errors()
    {
        var anonymous = new CliHarness(_store.Temp.Path).WithVariable("ISLET_STORE", _store.StorePath);
        var result = anonymous.Run("store", "set", "k", "v");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("islet: no author: give --author \"Name <email>\" or set ISLET_AUTHOR_NAME and ISLET_AUTHOR_EMAIL", Assert.Single(result.ErrorLines));
        Assert.Equal(0, anonymous.Run("store", "set", "k", "v", "--author", "Bo <bo@example.org>").ExitCode);
        Assert.Equal("Bo <bo@example.org>\n", GitProcess.Run(_store.StorePath, "log", "-1", "--format=%an <%ae>", "main"));
        Assert.Equal(0, anonymous.WithVariable("GIT_AUTHOR_NAME", "Git Name").WithVariable("GIT_AUTHOR_EMAIL", "g@example.org").Run("store", "rm", "k").ExitCode);
        Assert.Equal("Git Name <g@example.org>\n", GitProcess.Run(_store.StorePath, "log", "-1", "--format=%an <%ae>", "main"));

        AssertError(2, "bad --author 'nobody': expected \"Name <email>\"", "store", "set", "k", "v", "--author", "nobody");
        AssertError(2, "give the value as VALUE, '-' (standard input) or --file FILE, exactly one of them", "store", "set", "k");
        AssertError(2, "give the value as VALUE, '-' (standard input) or --file FILE, exactly one of them", "store", "set", "k", "v", "--file", "f");
    }

    [Fact]
    public void Init_refuses_an_existing_repository_and_rm_refuses_nothing()
    {
        AssertError(1, $"'{_store.StorePath}' already holds a repository", "store", "init", _store.StorePath);
        AssertError(1, "nothing at 'x/y' on branch 'main'", "store", "rm", "x/y");
        AssertError(1, "'a' is a directory (see islet store ls) on branch 'main'", "store", "get", "a");
        AssertError(1, "cannot delete branch 'main': HEAD names it", "store", "branch", "-d", "main");
    }
}
