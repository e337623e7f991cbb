using Islet.Store.Git;
using Islet.Store.Git.Refs;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Refs;

/// <summary>Refs written here read by git, and refs git wrote (loose, packed, mixed) read here.</summary>
public sealed class RefInteropTests : IDisposable
{
    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (string directory in _directories)
            Directory.Delete(directory, recursive: true);
    }

    private string NewRepository()
    {
        string repository = GitCommandLine.MakeSampleRepository();
        _directories.Add(repository);
        return repository;
    }

    private static GitObjectId Rev(string repository, string rev) =>
        GitObjectId.Parse(GitCommandLine.Script(repository, $"git rev-parse '{rev}'").Trim());

    private static Dictionary<string, string> ForEachRef(string repository) =>
        GitCommandLine.Script(repository, "git for-each-ref --format='%(refname) %(objectname)'")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    private static void AssertSameRefs(string repository, RefStore store)
    {
        Dictionary<string, string> expected = ForEachRef(repository);
        IReadOnlyList<GitRef> listed = store.List();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), listed.Select(r => r.Name));
        foreach (GitRef entry in listed)
        {
            Assert.Equal(expected[entry.Name], entry.Value.Id.ToString());
            Assert.Equal(GitObjectId.Parse(expected[entry.Name]), store.Resolve(entry.Name));
        }
    }

    [ToolFact("git", "git")]
    public void Reads_loose_refs_git_wrote_and_resolves_HEAD()
    {
        string repository = NewRepository();
        var store = new RefStore(Path.Combine(repository, ".git"));
        Assert.Equal("refs/heads/main", store.Read("HEAD")!.Value.SymbolicTarget);
        Assert.Equal(Rev(repository, "HEAD"), store.Resolve("HEAD"));
        AssertSameRefs(repository, store);
        Assert.Equal(["refs/heads/main", "refs/heads/side", "refs/heads/signed"], store.List("refs/heads/").Select(r => r.Name));
    }

    [ToolFact("git", "git")]
    public void Reads_refs_after_git_pack_refs_with_peeled_tags_and_a_mix_of_loose_and_packed()
    {
        string repository = NewRepository();
        var store = new RefStore(Path.Combine(repository, ".git"));
        GitCommandLine.Script(repository, "git pack-refs --all && test ! -e .git/refs/tags/v1 && grep -q '^\\^' .git/packed-refs");
        AssertSameRefs(repository, store);
        GitRef tag = store.List("refs/tags/").Single();
        Assert.Equal(Rev(repository, "v1^{}"), tag.Peeled);
        Assert.Equal(Rev(repository, "v1"), tag.Value.Id);

        // A loose ref that overrides its packed line, and a new loose ref alongside packed ones.
        GitCommandLine.Script(repository, "git update-ref refs/heads/main side && git update-ref refs/heads/extra main~1");
        Assert.True(File.Exists(Path.Combine(repository, ".git", "refs", "heads", "main")));
        AssertSameRefs(repository, store);
        Assert.Equal(Rev(repository, "side"), store.Resolve("HEAD"));
    }

    [ToolFact("git", "git")]
    public void Git_reads_what_is_written_here_and_fsck_is_clean()
    {
        string repository = NewRepository();
        var store = new RefStore(Path.Combine(repository, ".git"));
        GitObjectId main = Rev(repository, "main"), side = Rev(repository, "side");

        Assert.True(store.TryUpdate("refs/heads/new/branch", null, side));
        Assert.True(store.TryUpdate("refs/heads/main", main, side));
        store.SetSymbolic("HEAD", "refs/heads/new/branch");

        Assert.Equal(side.ToString(), GitCommandLine.Script(repository, "git rev-parse refs/heads/new/branch").Trim());
        Assert.Equal(side.ToString(), GitCommandLine.Script(repository, "git rev-parse main").Trim());
        Assert.Equal("refs/heads/new/branch", GitCommandLine.Script(repository, "git symbolic-ref HEAD").Trim());
        Assert.Equal(side, store.Resolve("HEAD"));
        GitCommandLine.Script(repository, "git fsck --no-progress --strict");
        AssertSameRefs(repository, store);
    }

    [ToolFact("git", "git")]
    public void Deleting_a_packed_and_loose_ref_rewrites_packed_refs_git_accepts()
    {
        string repository = NewRepository();
        var store = new RefStore(Path.Combine(repository, ".git"));
        GitCommandLine.Script(repository, "git pack-refs --all && git update-ref refs/heads/side side~1 side");
        GitObjectId side = Rev(repository, "side"), v1 = Rev(repository, "v1");

        Assert.False(store.TryDelete("refs/tags/v1", side));
        Assert.True(store.TryDelete("refs/heads/side", side));
        Assert.True(store.TryDelete("refs/tags/v1", v1));
        Assert.Null(store.Read("refs/heads/side"));
        Assert.Null(store.ReadPacked().Find("refs/heads/side"));

        Dictionary<string, string> refs = ForEachRef(repository);
        Assert.DoesNotContain("refs/heads/side", refs.Keys);
        Assert.DoesNotContain("refs/tags/v1", refs.Keys);
        Assert.Contains("refs/heads/main", refs.Keys);
        Assert.False(File.Exists(Path.Combine(repository, ".git", "packed-refs.lock")));
        GitCommandLine.Script(repository, "git fsck --no-progress && git pack-refs --all && git for-each-ref >/dev/null");
        AssertSameRefs(repository, store);
    }

    [ToolFact("git", "git")]
    public void Git_update_ref_racing_with_this_store_loses_no_update()
    {
        string repository = NewRepository();
        var store = new RefStore(Path.Combine(repository, ".git"), lockTimeout: TimeSpan.FromSeconds(10));
        GitObjectId a = Rev(repository, "main"), b = Rev(repository, "side");
        GitCommandLine.Script(repository, $"git update-ref refs/heads/race {a}");

        // git flips race from a to b 100 times, retrying on lock or CAS failure; this store flips it from b to a.
        var gitTask = Task.Run(() => GitCommandLine.Script(repository,
            $"n=0; while [ $n -lt 100 ]; do if git update-ref refs/heads/race {b} {a} 2>/dev/null; then n=$((n+1)); fi; done"));
        int mine = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (mine < 100 && DateTime.UtcNow < deadline)
        {
            try
            {
                if (store.TryUpdate("refs/heads/race", b, a))
                    mine++;
            }
            catch (GitRefException e) when (e.Error == GitRefError.Locked)
            {
            }
        }
        Assert.Equal(100, mine);
        gitTask.Wait(TimeSpan.FromMinutes(2));
        Assert.True(gitTask.IsCompletedSuccessfully);
        // Strict alternation: git's a to b, then this store's b to a, 100 times each.
        Assert.Equal(a, store.Resolve("refs/heads/race"));
    }
}
