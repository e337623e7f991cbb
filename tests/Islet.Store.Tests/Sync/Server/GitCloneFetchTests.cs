using Islet.Store.Sync.Server;
using Xunit.Abstractions;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>Real git clones and fetches from Islet's smart HTTP server, over Islet's HTTP server and the unix stack.</summary>
public sealed class GitCloneFetchTests(ITestOutputHelper output)
{
    [ToolFact("git", "git")]
    public void Git_clones_a_store_written_by_islet_then_fetches_only_the_new_objects()
    {
        using var backend = IsletHistory.CreateBare();
        IsletHistory.Populate(backend, 400);
        var registry = new GitRepositoryRegistry();
        GitServedRepository served = registry.Add("store", backend);
        string work = ExternalTool.TempDirectory("islet-clone-");
        try
        {
            using var server = new GitServerHarness(registry);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // git 2.39 asks for protocol v2 (Git-Protocol: version=2); the server answers v0 and git follows.
            GitCommandLine.Script(work, $"git clone -q {server.Url("store")} clone");
            output.WriteLine($"clone: {clock.ElapsedMilliseconds} ms, {server.OnLoop(() => served.Statistics.LastPackObjects)} objects, {server.OnLoop(() => served.Statistics.PackBytesSent)} pack bytes");
            string clone = Path.Combine(work, "clone");
            GitCommandLine.Script(clone, "git fsck --strict --no-dangling");
            string bare = backend.GitDirectory;
            Assert.Equal(GitCommandLine.Script(bare, "git log --all --format='%H %P %an %ad %s'"),
                GitCommandLine.Script(clone, "git log --all --format='%H %P %an %ad %s'"));
            Assert.Equal(GitCommandLine.Script(bare, "git ls-remote ."), GitCommandLine.Script(clone, $"git ls-remote {server.Url("store")}"));
            Assert.Equal("main\n", GitCommandLine.Script(clone, "git rev-parse --abbrev-ref HEAD"));
            Assert.Equal("tag\n", GitCommandLine.Script(clone, "git cat-file -t v200"));
            int allObjects = GitCommandLine.Script(bare, "git rev-list --objects --all").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.Equal(allObjects, server.OnLoop(() => (int)served.Statistics.LastPackObjects));
            Assert.True(allObjects > 2000, $"only {allObjects} objects");

            // New commits on the server: a fetch sends exactly the objects the clone lacks.
            string oldTip = GitCommandLine.Script(bare, "git rev-parse main").Trim();
            server.OnLoop(() => IsletHistory.Commit(backend, "main", 7, 4242));
            long bytesBefore = server.OnLoop(() => served.Statistics.PackBytesSent);
            GitCommandLine.Script(clone, "git fetch -q origin");
            output.WriteLine($"fetch: {server.OnLoop(() => served.Statistics.LastPackObjects)} objects, {server.OnLoop(() => served.Statistics.PackBytesSent) - bytesBefore} pack bytes");
            int expected = GitCommandLine.Script(bare, $"git rev-list --objects {oldTip}..main").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.Equal(expected, server.OnLoop(() => (int)served.Statistics.LastPackObjects));
            Assert.True(expected < allObjects / 10, $"{expected} of {allObjects}");
            Assert.Equal(GitCommandLine.Script(bare, "git log --format='%H %s' main"), GitCommandLine.Script(clone, "git log --format='%H %s' origin/main"));
            GitCommandLine.Script(clone, "git fsck --strict --no-dangling");

            // A new annotated tag on new commits is followed by the fetch.
            server.OnLoop(() => IsletHistory.Tag(backend, "v-next", IsletHistory.Commit(backend, "main", 2, 4343)));
            GitCommandLine.Script(clone, "git fetch -q origin");
            Assert.Equal("tag\n", GitCommandLine.Script(clone, "git cat-file -t v-next"));

            // Protocol v0 asked explicitly, and a fetch with nothing new.
            GitCommandLine.Script(work, $"git -c protocol.version=0 clone -q --bare {server.Url("store.git")} v0.git && git -C v0.git fsck --strict --no-dangling");
            long packsBefore = server.OnLoop(() => served.Statistics.PacksSent);
            GitCommandLine.Script(clone, "git fetch -q origin");
            Assert.Equal(packsBefore, server.OnLoop(() => served.Statistics.PacksSent));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            Directory.Delete(backend.GitDirectory, recursive: true);
        }
    }

    [ToolFact("git", "git")]
    public void A_fetch_into_a_clone_with_local_commits_negotiates_past_haves_the_server_lacks()
    {
        using var backend = IsletHistory.CreateBare();
        IsletHistory.Populate(backend, 200);
        var registry = new GitRepositoryRegistry();
        GitServedRepository served = registry.Add("store", backend);
        string work = ExternalTool.TempDirectory("islet-diverged-");
        try
        {
            using var server = new GitServerHarness(registry);
            GitCommandLine.Script(work, $"git clone -q {server.Url("store")} clone");
            string clone = Path.Combine(work, "clone");
            GitCommandLine.Script(clone, "git config user.name L && git config user.email l@example.org && for i in $(seq 1 40); do echo $i > local$i && git add local$i && git commit -q -m local$i; done");
            string oldTip = GitCommandLine.Script(backend.GitDirectory, "git rev-parse main").Trim();
            server.OnLoop(() => IsletHistory.Commit(backend, "main", 3, 777));
            long before = server.OnLoop(() => served.Statistics.UploadPackRequests);
            GitCommandLine.Script(clone, "git fetch -q origin && git merge -q --no-edit origin/main && git fsck --strict --no-dangling");
            int expected = GitCommandLine.Script(backend.GitDirectory, $"git rev-list --objects {oldTip}..main").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.Equal(expected, server.OnLoop(() => (int)served.Statistics.LastPackObjects));
            Assert.True(server.OnLoop(() => served.Statistics.UploadPackRequests) - before >= 2, "the 40 unknown haves take more than one round");
            Assert.True(server.OnLoop(() => served.Statistics.GzipRequests) >= 1, "git gzips upload-pack requests over 1 KiB");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            Directory.Delete(backend.GitDirectory, recursive: true);
        }
    }

    [ToolFact("git", "git")]
    public void Git_clones_a_sha256_store()
    {
        using var backend = IsletHistory.CreateBare("sha256");
        IsletHistory.Populate(backend, 100);
        var registry = new GitRepositoryRegistry();
        registry.Add("store256", backend);
        string work = ExternalTool.TempDirectory("islet-clone256-");
        try
        {
            using var server = new GitServerHarness(registry);
            GitCommandLine.Script(work, $"git clone -q {server.Url("store256")} clone");
            string clone = Path.Combine(work, "clone");
            Assert.Equal("sha256\n", GitCommandLine.Script(clone, "git rev-parse --show-object-format"));
            GitCommandLine.Script(clone, "git fsck --strict --no-dangling");
            Assert.Equal(GitCommandLine.Script(backend.GitDirectory, "git log --all --format='%H %P %s'"),
                GitCommandLine.Script(clone, "git log --all --format='%H %P %s'"));

            // And a push back (SHA-256 ids in the commands, a SHA-256 pack checksum).
            GitCommandLine.Script(clone, "git config user.name P && git config user.email p@example.org && sed -i 's/line 1:/edited:/' README.md && echo new > new.txt && git add -A && git commit -q -m sha256-push && git push -q origin main");
            Assert.Equal(GitCommandLine.Script(clone, "git rev-parse main"), GitCommandLine.Script(backend.GitDirectory, "git rev-parse main"));
            GitCommandLine.Script(backend.GitDirectory, "git fsck --strict --no-dangling");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            Directory.Delete(backend.GitDirectory, recursive: true);
        }
    }
}
