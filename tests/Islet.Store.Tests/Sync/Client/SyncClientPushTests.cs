using Islet.Store.Git;
using Islet.Store.Sync;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>Islet pushes to <c>git daemon</c> (git://) and <c>git http-backend</c> (smart HTTP); git checks the result.</summary>
[Collection(SyncServersCollection.Name)]
public sealed class SyncClientPushTests(SyncServersFixture servers)
{
    private static readonly GitPushRefspec[] s_main = [GitPushRefspec.Parse("refs/heads/main:refs/heads/main")];

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public void Lists_the_refs_git_ls_remote_lists(string transport)
    {
        string url = servers.Url(transport, "source.git");
        GitRefAdvertisement refs = ClientLoop.Run(c => c.ListRefsAsync(GitRemoteUrl.Parse(url)).AsTask());
        string expected = SyncRepositories.Git(servers.BaseDirectory, $"git ls-remote {url}");
        string actual = string.Concat(refs.Refs.SelectMany(r => r.Peeled is GitObjectId p
            ? new[] { $"{r.Id}\t{r.Name}\n", $"{p}\t{r.Name}^{{}}\n" } : [$"{r.Id}\t{r.Name}\n"]));
        Assert.Equal(expected, actual);
        Assert.Equal("refs/heads/main", refs.HeadTarget);
        Assert.True(refs.Supports("ofs-delta"));
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public void Pushes_new_commits_a_new_branch_and_a_delete_and_git_fsck_and_log_agree(string transport)
    {
        (string name, string remote) = servers.NewRemote();
        string work = Clone(remote);
        SyncRepositories.Git(work, """
            for i in 1 2 3 4 5; do echo "pushed $i" > "pushed$i.txt"; seq 1 $((i * 200)) > src/file1.txt; git add -A; git commit -q -m "pushed $i"; done
            git checkout -q -b topic HEAD~2
            echo topic > topic.txt; git add topic.txt; git commit -q -m topic
            """);
        using var local = new GitDirectoryBackend(Path.Combine(work, ".git"));
        GitPushResult result = ClientLoop.Run(c => c.PushAsync(GitRemoteUrl.Parse(servers.Url(transport, name)), local,
            [GitPushRefspec.Parse("refs/heads/main:refs/heads/main"), GitPushRefspec.Parse("refs/heads/topic"), GitPushRefspec.Parse(":refs/heads/old")]).AsTask());

        Assert.True(result.Succeeded, string.Join("; ", result.Updates));
        Assert.Equal([GitRefUpdateStatus.FastForward, GitRefUpdateStatus.Created, GitRefUpdateStatus.Deleted], result.Updates.Select(u => u.Status));
        Assert.InRange(result.ObjectsSent, 6 * 2, 200); // the new commits, trees and blobs only: not the 400-commit history
        SyncRepositories.AssertFsck(remote);
        Assert.Equal(Log(work, "main topic"), Log(remote, "main topic"));
        Assert.DoesNotContain("refs/heads/old", SyncRepositories.Refs(remote));
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public void Refuses_a_non_fast_forward_push_without_force_and_lands_it_with_force(string transport)
    {
        (string name, string remote) = servers.NewRemote();
        string work = Clone(remote);
        SyncRepositories.Git(work, "git reset -q --hard HEAD~3 && echo rewritten > r.txt && git add r.txt && git commit -q -m rewritten");
        using var local = new GitDirectoryBackend(Path.Combine(work, ".git"));
        var url = GitRemoteUrl.Parse(servers.Url(transport, name));
        string before = SyncRepositories.Refs(remote);

        GitPushResult refused = ClientLoop.Run(c => c.PushAsync(url, local, s_main).AsTask());
        Assert.Equal(GitRefUpdateStatus.RejectedNonFastForward, Assert.Single(refused.Updates).Status);
        Assert.Equal(0, refused.ObjectsSent);
        Assert.Equal(before, SyncRepositories.Refs(remote));

        GitPushResult forced = ClientLoop.Run(c => c.PushAsync(url, local, s_main, force: true).AsTask());
        Assert.Equal(GitRefUpdateStatus.Forced, Assert.Single(forced.Updates).Status);
        SyncRepositories.AssertFsck(remote);
        Assert.Equal(Log(work, "main"), Log(remote, "main"));
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public void Refuses_to_overwrite_a_remote_tip_it_does_not_have_and_reports_the_remotes_own_refusals(string transport)
    {
        (string name, string remote) = servers.NewRemote();
        string work = Clone(remote);
        string other = Clone(remote);
        SyncRepositories.Git(other, "echo other > o.txt && git add o.txt && git commit -q -m other && git push -q origin main");
        SyncRepositories.Git(work, "echo mine > m.txt && git add m.txt && git commit -q -m mine");
        SyncRepositories.Git(remote, "git --git-dir=. config receive.denyDeletes true");
        using var local = new GitDirectoryBackend(Path.Combine(work, ".git"));
        var url = GitRemoteUrl.Parse(servers.Url(transport, name));

        GitPushResult result = ClientLoop.Run(c => c.PushAsync(url, local, [.. s_main, GitPushRefspec.Parse(":refs/heads/feature")]).AsTask());
        Assert.Equal(GitRefUpdateStatus.RejectedNonFastForward, result.Updates[0].Status);
        Assert.Contains("fetch first", result.Updates[0].Reason);
        Assert.Equal(GitRefUpdateStatus.RejectedByRemote, result.Updates[1].Status);
        Assert.Contains("deletion prohibited", result.Updates[1].Reason);
        Assert.Contains("refs/heads/feature", SyncRepositories.Refs(remote));
        Assert.Equal(Log(other, "main"), Log(remote, "main"));
    }

    [Fact]
    public void Pushes_a_pack_over_a_megabyte_over_http_with_a_chunked_request_body()
    {
        (string name, string remote) = servers.NewRemote();
        string work = Clone(remote);
        SyncRepositories.Git(work, "head -c 3000000 /dev/urandom > big.bin && git add big.bin && git commit -q -m big");
        using var local = new GitDirectoryBackend(Path.Combine(work, ".git"));
        int chunkedBefore = servers.Cgi.ChunkedRequests;
        GitPushResult result = ClientLoop.Run(c => c.PushAsync(GitRemoteUrl.Parse(servers.Url("http", name)), local, s_main).AsTask());
        Assert.Equal(GitRefUpdateStatus.FastForward, Assert.Single(result.Updates).Status);
        Assert.True(servers.Cgi.ChunkedRequests > chunkedBefore);
        SyncRepositories.AssertFsck(remote);
        Assert.Equal(Log(work, "main"), Log(remote, "main"));
    }

    private string Clone(string remote)
    {
        string directory = Path.Combine(servers.BaseDirectory, $"work-{Guid.NewGuid():N}");
        SyncRepositories.Git(servers.BaseDirectory, $"""
            git clone -q {remote} {directory}
            git -C {directory} config user.name 'C Pusher' && git -C {directory} config user.email c@example.org
            """);
        return directory;
    }

    private static string Log(string repository, string revisions)
    {
        string gitDirectory = Directory.Exists(Path.Combine(repository, ".git")) ? Path.Combine(repository, ".git") : repository;
        return SyncRepositories.Git(gitDirectory, $"git --git-dir=. log --format='%H %P %s' {revisions}");
    }
}
