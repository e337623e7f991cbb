using Islet.Store.Sync;

namespace Islet.Store.Tests.Sync.Client;

public sealed class GitRemoteUrlTests
{
    [Theory]
    [InlineData("git://127.0.0.1:9419/repo.git", GitUrlScheme.Git, "127.0.0.1", 9419, "/repo.git")]
    [InlineData("git://10.0.0.1/a/b.git", GitUrlScheme.Git, "10.0.0.1", 9418, "/a/b.git")]
    [InlineData("http://127.0.0.1:8080/r.git?x=1", GitUrlScheme.Http, "127.0.0.1", 8080, "/r.git")]
    [InlineData("HTTP://[::1]/r", GitUrlScheme.Http, "::1", 80, "/r")]
    [InlineData("http://[2001:db8::1]:81/r", GitUrlScheme.Http, "2001:db8::1", 81, "/r")]
    public void Parses_git_and_http_urls(string text, GitUrlScheme scheme, string host, int port, string path)
    {
        Assert.Equal(new GitRemoteUrl(scheme, host, port, path), GitRemoteUrl.Parse(text));
    }

    [Theory]
    [InlineData("https://127.0.0.1/r.git")]
    [InlineData("ssh://127.0.0.1/r.git")]
    [InlineData("git://127.0.0.1")]
    [InlineData("git://127.0.0.1/")]
    [InlineData("git:///r.git")]
    [InlineData("git://127.0.0.1:0/r.git")]
    [InlineData("git://127.0.0.1:70000/r.git")]
    [InlineData("http://user@127.0.0.1/r.git")]
    [InlineData("http://[::1/r.git")]
    public void Rejects_what_it_cannot_reach(string text)
    {
        Assert.False(GitRemoteUrl.TryParse(text, out _));
        Assert.Throws<FormatException>(() => GitRemoteUrl.Parse(text));
    }

    [Theory]
    [InlineData("refs/heads/main:refs/heads/main", "refs/heads/main", "refs/heads/main", false)]
    [InlineData("+refs/heads/a:refs/heads/b", "refs/heads/a", "refs/heads/b", true)]
    [InlineData("refs/tags/v1", "refs/tags/v1", "refs/tags/v1", false)]
    [InlineData(":refs/heads/gone", null, "refs/heads/gone", false)]
    public void Parses_push_refspecs(string text, string? source, string destination, bool force)
    {
        Assert.Equal(new GitPushRefspec(source, destination, force), GitPushRefspec.Parse(text));
    }

    [Theory]
    [InlineData("main:main")]
    [InlineData("refs/heads/a:")]
    [InlineData("refs/heads/a..b:refs/heads/c")]
    public void Rejects_malformed_push_refspecs(string text) => Assert.Throws<FormatException>(() => GitPushRefspec.Parse(text));
}
