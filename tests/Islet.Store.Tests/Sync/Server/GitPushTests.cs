using Islet.Store.Sync.Server;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>Real git pushes to Islet's smart HTTP server: the pack goes through PackIngester, refs move by compare-and-swap, git fsck stays clean.</summary>
public sealed class GitPushTests : IDisposable
{
    private readonly DirectoryBackend _backend = IsletHistory.CreateBare();
    private readonly DirectoryBackend _strict = IsletHistory.CreateBare();
    private readonly DirectoryBackend _empty = IsletHistory.CreateBare();
    private readonly GitServedRepository _served;
    private readonly GitServerHarness _server;
    private readonly string _work = ExternalTool.TempDirectory("islet-push-");

    public GitPushTests()
    {
        IsletHistory.Populate(_backend, 100);
        IsletHistory.Populate(_strict, 25);
        var registry = new GitRepositoryRegistry();
        _served = registry.Add("store", _backend);
        registry.Add("strict", _strict, new GitRepositoryPolicy { DenyNonFastForwards = true });
        registry.Add("empty", _empty);
        _server = new GitServerHarness(registry);
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_work, recursive: true);
        Directory.Delete(_backend.GitDirectory, recursive: true);
        Directory.Delete(_strict.GitDirectory, recursive: true);
        Directory.Delete(_empty.GitDirectory, recursive: true);
    }

    [ToolFact("git", "git")]
    public void Git_pushes_into_an_empty_repository_and_clones_it_back()
    {
        GitCommandLine.Script(_work, $"""
            git init -q -b main local && cd local
            git config user.name P && git config user.email p@example.org
            for i in $(seq 1 20); do echo $i > f$i && git add f$i && git commit -q -m c$i; done
            git tag -a first -m first HEAD~19
            git push -q {_server.Url("empty")} main first
            cd .. && git clone -q {_server.Url("empty")} back && cd back && git fsck --strict --no-dangling
            test "$(git rev-parse HEAD)" = "$(git -C ../local rev-parse HEAD)"
            test "$(git rev-parse first)" = "$(git -C ../local rev-parse first)"
            """);
        GitCommandLine.Script(_empty.GitDirectory, "git fsck --strict --no-dangling");
    }

    private string Clone(string name)
    {
        GitCommandLine.Script(_work, $"git clone -q {_server.Url(name)} {name} && cd {name} && git config user.name Pusher && git config user.email pusher@example.org");
        return Path.Combine(_work, name);
    }

    private string ServerRef(DirectoryBackend backend, string name) => _server.OnLoop(() => backend.RefStore.Resolve(name)?.ToString() ?? "");

    [ToolFact("git", "git")]
    public void Git_pushes_commits_branches_tags_and_deletions()
    {
        string clone = Clone("store");
        // 60 commits with files, pushed with a tiny post buffer: the body is sent chunked.
        GitCommandLine.Script(clone, """
            for i in $(seq 1 60); do
              mkdir -p src/d$((i % 7)); seq 1 $((i * 13)) > src/d$((i % 7))/f$i.txt; echo "$i" >> log.txt
              git add -A && git commit -q -m "pushed commit $i"
            done
            git -c http.postBuffer=4096 push -q origin main
            """);
        Assert.Equal(GitCommandLine.Script(clone, "git rev-parse main").Trim(), ServerRef(_backend, "refs/heads/main"));
        GitCommandLine.Script(_backend.GitDirectory, "git fsck --strict --no-dangling");
        Assert.Equal(GitCommandLine.Script(clone, "git log --format='%H %P %s' main"), GitCommandLine.Script(_backend.GitDirectory, "git log --format='%H %P %s' main"));

        GitCommandLine.Script(clone, """
            git checkout -q -b feature
            echo feature > feature.txt && git add feature.txt && git commit -q -m feature
            git push -q origin feature
            git tag -a t1 -m 'tag one' HEAD~1
            git push -q origin t1
            git push -q origin HEAD~3:refs/heads/older
            git push -q origin :side100
            """);
        Assert.Equal(GitCommandLine.Script(clone, "git rev-parse feature").Trim(), ServerRef(_backend, "refs/heads/feature"));
        Assert.Equal(GitCommandLine.Script(clone, "git rev-parse t1").Trim(), ServerRef(_backend, "refs/tags/t1"));
        Assert.Equal(GitCommandLine.Script(clone, "git rev-parse HEAD~3").Trim(), ServerRef(_backend, "refs/heads/older"));
        Assert.Equal("", ServerRef(_backend, "refs/heads/side100"));
        Assert.Equal("tag\n", GitCommandLine.Script(_backend.GitDirectory, "git cat-file -t t1"));
        Assert.Equal(GitCommandLine.Script(clone, $"git ls-remote {_server.Url("store")}"), GitCommandLine.Script(_backend.GitDirectory, "git ls-remote ."));

        // The branch HEAD names cannot be deleted; the push is refused and main stays.
        string refused = GitCommandLine.Script(clone, "out=$(git push origin :main 2>&1) && exit 1; echo \"$out\"");
        Assert.Contains("deletion of the current branch prohibited", refused);
        Assert.NotEqual("", ServerRef(_backend, "refs/heads/main"));
        GitCommandLine.Script(_backend.GitDirectory, "git fsck --strict --no-dangling");
        Assert.True(_server.OnLoop(() => _served.Statistics.RefsUpdated) >= 5);
    }

    [ToolFact("git", "git")]
    public void A_thin_pack_with_deltas_against_objects_the_server_has_is_completed_and_lands()
    {
        string clone = Clone("store");
        // Small edits to a large file the server already has: git push sends REF_DELTAs against it (a thin pack).
        GitCommandLine.Script(clone, "for i in $(seq 1 5); do sed -i \"s/line $((i * 3)):/edited $i:/\" README.md && git commit -q -am \"edit $i\"; done && git push -q origin main");
        Assert.Equal(GitCommandLine.Script(clone, "git rev-parse main").Trim(), ServerRef(_backend, "refs/heads/main"));
        GitCommandLine.Script(_backend.GitDirectory, "git fsck --strict --no-dangling");
        Assert.Equal(GitCommandLine.Script(clone, "git show main:README.md"), GitCommandLine.Script(_backend.GitDirectory, "git show main:README.md"));
    }

    [ToolFact("git", "git")]
    public void A_non_fast_forward_push_needs_force_and_a_strict_policy_refuses_it_even_then()
    {
        foreach (string name in new[] { "store", "strict" })
        {
            string clone = Clone(name);
            DirectoryBackend backend = name == "store" ? _backend : _strict;
            string before = ServerRef(backend, "refs/heads/main");
            GitCommandLine.Script(clone, "git reset -q --hard HEAD~2 && echo rewrite > rewrite.txt && git add rewrite.txt && git commit -q -m rewrite");
            string rejected = GitCommandLine.Script(clone, "out=$(git push origin main 2>&1) && exit 1; echo \"$out\"");
            Assert.Contains("rejected", rejected);
            Assert.Equal(before, ServerRef(backend, "refs/heads/main"));
            if (name == "store")
            {
                GitCommandLine.Script(clone, "git push -q --force origin main");
                Assert.Equal(GitCommandLine.Script(clone, "git rev-parse main").Trim(), ServerRef(backend, "refs/heads/main"));
            }
            else
            {
                string denied = GitCommandLine.Script(clone, "out=$(git push --force origin main 2>&1) && exit 1; echo \"$out\"");
                Assert.Contains("non-fast-forward", denied);
                Assert.Equal(before, ServerRef(backend, "refs/heads/main"));

                // Atomic: the new branch must not be created when main is refused.
                string atomic = GitCommandLine.Script(clone, "out=$(git push --atomic --force origin main main:refs/heads/together 2>&1) && exit 1; echo \"$out\"");
                Assert.Contains("atomic push failure", atomic);
                Assert.Equal("", ServerRef(backend, "refs/heads/together"));
                GitCommandLine.Script(clone, "git push -q --atomic origin HEAD~1:refs/heads/one HEAD:refs/heads/two");
                Assert.NotEqual("", ServerRef(backend, "refs/heads/one"));
                Assert.NotEqual("", ServerRef(backend, "refs/heads/two"));
            }
            GitCommandLine.Script(backend.GitDirectory, "git fsck --strict");
        }
    }
}
