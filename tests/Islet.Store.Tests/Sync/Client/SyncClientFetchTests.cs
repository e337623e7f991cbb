using Islet.Store.Sync;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>Islet clones and fetches from <c>git daemon</c> and <c>git http-backend</c>; git checks what landed.</summary>
[Collection(SyncServersCollection.Name)]
public sealed class SyncClientFetchTests(SyncServersFixture servers)
{
    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public void Clones_a_gc_aggressive_repository_into_a_fresh_bare_directory_and_git_agrees(string transport)
    {
        string target = NewBare();
        using var local = new GitDirectoryBackend(target);
        GitFetchResult result = ClientLoop.Run(c => c.CloneAsync(GitRemoteUrl.Parse(servers.Url(transport, "source.git")), local).AsTask());

        Assert.True(result.ReceivedPack);
        Assert.All(result.Updates, u => Assert.Equal(GitRefUpdateStatus.Created, u.Status));
        SyncRepositories.AssertFsck(target);
        Assert.Equal(SyncRepositories.Refs(servers.Source), SyncRepositories.Refs(target));
        Assert.Equal(SyncRepositories.Log(servers.Source), SyncRepositories.Log(target));
        Assert.Equal("refs/heads/main\n", SyncRepositories.Git(target, "git --git-dir=. symbolic-ref HEAD"));
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public void Fetches_only_the_new_commits_after_a_clone(string transport)
    {
        (string name, string remote) = servers.NewRemote();
        var url = GitRemoteUrl.Parse(servers.Url(transport, name));
        string target = NewBare();
        using var local = new GitDirectoryBackend(target);
        ClientLoop.Run(c => c.CloneAsync(url, local).AsTask());
        SyncRepositories.Git(servers.BaseDirectory, $"""
            git clone -q {remote} work-{name}
            cd work-{name} && git config user.name F && git config user.email f@example.org
            for i in 1 2 3; do echo "new $i" > new$i.txt; git add -A; git commit -q -m "new $i"; done
            git branch -q extra HEAD~1 && git tag -a -m later v2.0
            git push -q origin main extra v2.0
            """);

        GitFetchResult mirror = ClientLoop.Run(c => c.FetchAsync(url, local, new GitFetchOptions { Mirror = true }).AsTask());
        Assert.Contains(mirror.Updates, u => u.Name == "refs/heads/main" && u.Status == GitRefUpdateStatus.FastForward);
        Assert.Contains(mirror.Updates, u => u.Name == "refs/heads/extra" && u.Status == GitRefUpdateStatus.Created);
        Assert.Contains(mirror.Updates, u => u.Name == "refs/tags/v2.0" && u.Status == GitRefUpdateStatus.Created);
        string newest = SyncRepositories.Git(target, "ls -t objects/pack/*.idx | head -1").Trim();
        int received = SyncRepositories.Git(target, $"git --git-dir=. show-index < {newest} | wc -l").Trim() is var n ? int.Parse(n) : 0;
        Assert.InRange(received, 3 * 3, 40); // three commits with their trees and blobs, a tag: not the history again
        SyncRepositories.AssertFsck(target);
        Assert.Equal(SyncRepositories.Refs(remote), SyncRepositories.Refs(target));
        Assert.Equal(SyncRepositories.Log(remote), SyncRepositories.Log(target));

        GitFetchResult tracking = ClientLoop.Run(c => c.FetchAsync(url, local).AsTask());
        Assert.False(tracking.ReceivedPack);
        Assert.Contains(tracking.Updates, u => u.Name == "refs/remotes/origin/extra" && u.Status == GitRefUpdateStatus.Created);
        GitFetchResult again = ClientLoop.Run(c => c.FetchAsync(url, local).AsTask());
        Assert.All(again.Updates, u => Assert.Equal(GitRefUpdateStatus.UpToDate, u.Status));
    }

    private string NewBare()
    {
        string target = Path.Combine(servers.BaseDirectory, $"clone-{Guid.NewGuid():N}.git");
        SyncRepositories.Git(servers.BaseDirectory, $"git init -q --bare {target}");
        return target;
    }
}
