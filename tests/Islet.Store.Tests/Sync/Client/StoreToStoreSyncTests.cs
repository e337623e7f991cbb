using Islet.Store.Sync;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>Fetch and push between two stores in one process; git checks the target.</summary>
[Collection(SyncServersCollection.Name)]
public sealed class StoreToStoreSyncTests(SyncServersFixture servers)
{
    private string NewBare()
    {
        string target = Path.Combine(servers.BaseDirectory, $"store-{Guid.NewGuid():N}.git");
        SyncRepositories.Git(servers.BaseDirectory, $"git init -q --bare {target}");
        return target;
    }

    [Fact]
    public void Fetch_copies_the_whole_history_into_an_empty_store_then_only_what_is_new()
    {
        string target = NewBare();
        using var source = new GitDirectoryBackend(servers.Source);
        using var local = new GitDirectoryBackend(target);
        IReadOnlyList<GitRefUpdate> first = GitStoreSync.Fetch(source, local, new GitFetchOptions { Mirror = true });
        Assert.All(first, u => Assert.Equal(GitRefUpdateStatus.Created, u.Status));
        SyncRepositories.AssertFsck(target);
        Assert.Equal(SyncRepositories.Refs(servers.Source), SyncRepositories.Refs(target));
        Assert.Equal(SyncRepositories.Log(servers.Source), SyncRepositories.Log(target));

        IReadOnlyList<GitRefUpdate> tracking = GitStoreSync.Fetch(source, local, new GitFetchOptions { RemoteName = "peer" });
        Assert.Contains(tracking, u => u.Name == "refs/remotes/peer/main" && u.Status == GitRefUpdateStatus.Created);
        Assert.Contains(tracking, u => u.Name == "refs/tags/v1.0" && u.Status == GitRefUpdateStatus.UpToDate);
    }

    [Fact]
    public void Push_moves_a_branch_only_by_fast_forward_unless_forced()
    {
        string target = NewBare();
        string work = Path.Combine(servers.BaseDirectory, $"store-work-{Guid.NewGuid():N}");
        SyncRepositories.Git(servers.BaseDirectory, $"""
            git clone -q {servers.Source} {work} && cd {work} && git config user.name S && git config user.email s@example.org
            echo one > one.txt && git add one.txt && git commit -q -m one
            """);
        using var local = new GitDirectoryBackend(Path.Combine(work, ".git"));
        using var store = new GitDirectoryBackend(target);
        GitPushRefspec[] main = [GitPushRefspec.Parse("refs/heads/main")];

        GitPushResult created = GitStoreSync.Push(local, store, main);
        Assert.Equal(GitRefUpdateStatus.Created, Assert.Single(created.Updates).Status);
        SyncRepositories.AssertFsck(target);

        SyncRepositories.Git(work, "git reset -q --hard HEAD~2 && echo two > two.txt && git add two.txt && git commit -q -m two");
        string before = SyncRepositories.Refs(target);
        GitPushResult refused = GitStoreSync.Push(local, store, main);
        Assert.Equal(GitRefUpdateStatus.RejectedNonFastForward, Assert.Single(refused.Updates).Status);
        Assert.Equal(before, SyncRepositories.Refs(target));

        GitPushResult forced = GitStoreSync.Push(local, store, main, force: true);
        Assert.Equal(GitRefUpdateStatus.Forced, Assert.Single(forced.Updates).Status);
        SyncRepositories.AssertFsck(target);
        Assert.Equal(SyncRepositories.Git(Path.Combine(work, ".git"), "git --git-dir=. log --format=%H main"),
            SyncRepositories.Git(target, "git --git-dir=. log --format=%H main"));
    }

    [Fact]
    public void A_source_missing_an_object_leaves_the_target_unchanged()
    {
        string broken = Path.Combine(servers.BaseDirectory, $"broken-{Guid.NewGuid():N}");
        SyncRepositories.Git(servers.BaseDirectory, $"""
            git init -q -b main {broken} && cd {broken} && git config user.name S && git config user.email s@example.org
            echo keep > keep.txt && echo lost > lost.txt && git add -A && git commit -q -m c
            rm -f .git/objects/$(git rev-parse HEAD:lost.txt | cut -c1-2)/$(git rev-parse HEAD:lost.txt | cut -c3-)
            """);
        string target = NewBare();
        using var source = new GitDirectoryBackend(Path.Combine(broken, ".git"));
        using var store = new GitDirectoryBackend(target);
        var before = store.Snapshot();
        var error = Assert.Throws<GitProtocolException>(() => GitStoreSync.Fetch(source, store));
        Assert.Equal(GitProtocolError.BadPack, error.Error);
        Assert.Equal(before, store.Snapshot());
    }
}
