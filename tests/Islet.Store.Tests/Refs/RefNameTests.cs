using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Refs;

public sealed class RefNameTests
{
    [Theory]
    [InlineData("refs/heads/main")]
    [InlineData("refs/tags/v1.0")]
    [InlineData("refs/heads/feature/a-b_c")]
    [InlineData("refs/heads/x.lockx")]
    [InlineData("refs/heads/a@b")]
    [InlineData("HEAD")]
    [InlineData("ORIG_HEAD")]
    public void Accepts_names_git_accepts(string name)
    {
        Assert.True(GitRefName.IsStorable(name));
        GitRefName.Check(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("refs/heads/a..b")]
    [InlineData("refs/heads/.hidden")]
    [InlineData("refs/heads/x.lock")]
    [InlineData("refs/heads/x.lock/y")]
    [InlineData("refs/heads/a@{1}")]
    [InlineData("refs/heads/trailing/")]
    [InlineData("refs/heads/trailing.")]
    [InlineData("refs//heads")]
    [InlineData("/refs/heads/x")]
    [InlineData("refs/heads/sp ace")]
    [InlineData("refs/heads/t~1")]
    [InlineData("refs/heads/c^")]
    [InlineData("refs/heads/c:d")]
    [InlineData("refs/heads/q?")]
    [InlineData("refs/heads/star*")]
    [InlineData("refs/heads/br[")]
    [InlineData("refs/heads/back\\slash")]
    [InlineData("refs/heads/tab\t")]
    [InlineData("refs/heads/del\u007f")]
    [InlineData("refs/../config")]
    [InlineData("config")]
    [InlineData("main")]
    public void Refuses_names_git_check_ref_format_refuses_or_outside_refs(string name)
    {
        Assert.False(GitRefName.IsStorable(name));
        GitRefException e = Assert.Throws<GitRefException>(() => GitRefName.Check(name));
        Assert.Equal(GitRefError.InvalidName, e.Error);
    }

    [ToolFact("git", "git")]
    public void Agrees_with_git_check_ref_format()
    {
        string[] names = ["refs/heads/main", "refs/heads/a..b", "refs/heads/.x", "refs/heads/x.lock", "refs/heads/a@{1}", "refs/heads/x/", "refs/heads/x.",
            "refs//x", "refs/heads/a b", "refs/heads/a~b", "refs/heads/a^b", "refs/heads/a:b", "refs/heads/a?b", "refs/heads/a*b", "refs/heads/a[b", "refs/heads/a\\b",
            "refs/tags/v1.2.3", "refs/heads/@", "refs/heads/-dash", "refs/heads/a/.b/c"];
        foreach (string name in names)
        {
            (int exit, _) = ExternalTool.Run("git", "check-ref-format", name);
            Assert.True((exit == 0) == GitRefName.IsValid(name), $"{name}: git exit {exit}");
        }
    }
}
