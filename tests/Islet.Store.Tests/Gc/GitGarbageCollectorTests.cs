using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Gc;
using Islet.Store.Git.Refs;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Gc;

/// <summary>Garbage collection of a .git directory, checked with git itself.</summary>
public sealed class GitGarbageCollectorTests
{
    /// <summary>A repository with git-made history (one pack from git gc, then loose commits) and Islet-made loose commits.</summary>
    private static string MixedRepository()
    {
        string directory = GitCommandLine.MakeSampleRepository();
        GitCommandLine.Script(directory, """
            git gc -q
            git config user.name T && git config user.email t@example.org
            for i in 1 2 3; do echo "$i" > "more$i.txt"; git add -A; git commit -q -m "more $i"; done
            """);
        string gitDirectory = Path.Combine(directory, ".git");
        var objects = new GitObjectDatabase(gitDirectory);
        var refs = new RefStore(gitDirectory);
        for (int i = 0; i < 5; i++)
        {
            GitObjectId? parent = refs.Resolve("refs/heads/main");
            GitObjectId id = Tests.BlockDevice.BlockStoreSamples.Commit(objects, $"islet {i}", parent);
            Assert.True(refs.TryUpdate("refs/heads/main", parent, id));
        }
        return directory;
    }

    private static Dictionary<string, string> CountObjects(string directory) =>
        GitCommandLine.Script(directory, "git count-objects -v").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ")).ToDictionary(p => p[0], p => p[1]);

    [ToolFact("git", "git")]
    public void After_gc_git_sees_one_pack_no_loose_objects_and_the_same_reachable_objects()
    {
        string directory = MixedRepository();
        string before = GitCommandLine.Script(directory, "git rev-list --all --objects | sort");
        GitGcResult result = GitGarbageCollector.Collect(Path.Combine(directory, ".git"), new GitGcOptions { GracePeriod = TimeSpan.Zero });
        Assert.NotNull(result.PackName);
        Assert.Equal("", GitCommandLine.Script(directory, "git fsck --strict --no-dangling 2>&1"));
        Dictionary<string, string> counts = CountObjects(directory);
        Assert.Equal("0", counts["count"]);
        Assert.Equal("1", counts["packs"]);
        Assert.Equal(before, GitCommandLine.Script(directory, "git rev-list --all --objects | sort"));
        Assert.Equal(before.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, int.Parse(counts["in-pack"]));
        GitCommandLine.Script(directory, "git verify-pack .git/objects/pack/*.idx && git log --oneline main > /dev/null");
    }

    [ToolFact("git", "git")]
    public void Unreachable_objects_older_than_the_grace_period_go_and_younger_ones_stay()
    {
        string directory = MixedRepository();
        string gitDirectory = Path.Combine(directory, ".git");
        // An unreachable commit inside an old pack: made on a branch, packed, then the branch deleted.
        string packedOld = GitCommandLine.Script(directory, """
            git checkout -q -b doomed && echo doomed > doomed.txt && git add doomed.txt && git commit -q -m doomed
            id=$(git rev-parse HEAD); git checkout -q main; git repack -q -a -d; git branch -q -D doomed
            git reflog expire --expire=now --expire-unreachable=now --all
            echo $id
            """).Trim();
        foreach (string pack in Directory.GetFiles(Path.Combine(gitDirectory, "objects", "pack")))
            File.SetLastWriteTimeUtc(pack, DateTime.UtcNow.AddHours(-3));
        var loose = new LooseObjectStore(gitDirectory);
        GitObjectId oldLoose = loose.Write(GitObjectType.Blob, "old and unreachable"u8);
        File.SetLastWriteTimeUtc(loose.PathOf(oldLoose), DateTime.UtcNow.AddHours(-2));
        GitObjectId freshLoose = loose.Write(GitObjectType.Blob, "fresh and unreachable"u8);

        GitGcResult result = GitGarbageCollector.Collect(gitDirectory, new GitGcOptions { GracePeriod = TimeSpan.FromHours(1) });

        Assert.Equal(1, result.KeptUnreachable);
        string exists = GitCommandLine.Script(directory, $"""
            for id in {packedOld} {oldLoose} {freshLoose}; do git cat-file -e $id 2>/dev/null && echo yes || echo no; done
            """);
        Assert.Equal("no\nno\nyes\n", exists);
        Assert.Equal("", GitCommandLine.Script(directory, "git fsck --strict --no-dangling 2>&1"));
        Assert.Equal("1", CountObjects(directory)["packs"]);
    }

    [ToolFact("git", "git")]
    public void Recent_unreachable_objects_in_an_old_pack_survive_as_loose_objects_with_the_packs_time()
    {
        string directory = MixedRepository();
        string gitDirectory = Path.Combine(directory, ".git");
        string packed = GitCommandLine.Script(directory, """
            git checkout -q -b recent && echo r > r.txt && git add r.txt && git commit -q -m recent
            id=$(git rev-parse HEAD); git checkout -q main; git repack -q -a -d; git branch -q -D recent
            git reflog expire --expire=now --expire-unreachable=now --all
            echo $id
            """).Trim();
        GitGarbageCollector.Collect(gitDirectory, new GitGcOptions { GracePeriod = TimeSpan.FromHours(1) });
        Assert.Equal("commit\n", GitCommandLine.Script(directory, $"git cat-file -t {packed}"));
        // A second collection once the grace period has passed drops it.
        string path = new LooseObjectStore(gitDirectory).PathOf(GitObjectId.Parse(packed));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-2));
        GitGarbageCollector.Collect(gitDirectory, new GitGcOptions { GracePeriod = TimeSpan.FromHours(1) });
        Assert.False(new GitObjectDatabase(gitDirectory).Contains(GitObjectId.Parse(packed)));
    }

    [ToolFact("git", "git")]
    public void A_reader_never_misses_a_reachable_object_while_gc_runs_repeatedly()
    {
        string directory = MixedRepository();
        string gitDirectory = Path.Combine(directory, ".git");
        var writerObjects = new GitObjectDatabase(gitDirectory);
        var refs = new RefStore(gitDirectory);
        List<GitObjectId> reachable = [.. GitGarbageCollector.ReachableObjects(gitDirectory, writerObjects, GitHashAlgorithm.Sha1)];
        var reader = new GitObjectDatabase(gitDirectory);
        int misses = 0, reads = 0;
        var stop = new ManualResetEventSlim();
        Exception? readerFailure = null;
        var thread = new Thread(() =>
        {
            try
            {
                for (int pass = 0; pass < 100_000 && !stop.IsSet; pass++)
                {
                    foreach (GitObjectId id in reachable)
                    {
                        if (!reader.TryRead(id, out _, out _))
                            Interlocked.Increment(ref misses);
                        reads++;
                    }
                }
            }
            catch (Exception e)
            {
                readerFailure = e;
            }
        });
        thread.Start();
        for (int round = 0; round < 8; round++)
        {
            for (int i = 0; i < 3; i++)
            {
                GitObjectId? parent = refs.Resolve("refs/heads/main");
                Assert.True(refs.TryUpdate("refs/heads/main", parent, Tests.BlockDevice.BlockStoreSamples.Commit(writerObjects, $"round {round} {i}", parent)));
            }
            GitGarbageCollector.Collect(gitDirectory, new GitGcOptions { GracePeriod = TimeSpan.Zero });
        }
        stop.Set();
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)));
        Assert.Null(readerFailure);
        Assert.Equal(0, misses);
        Assert.True(reads > 0);
        Assert.Equal("", GitCommandLine.Script(directory, "git fsck --strict --no-dangling 2>&1"));
        Assert.Equal(Encoding.ASCII.GetBytes("1"), Encoding.ASCII.GetBytes(CountObjects(directory)["packs"]));
    }

    [ToolFact("git", "git")]
    public void Rewriting_an_old_unreachable_packed_object_freshens_its_pack_so_gc_keeps_it()
    {
        string directory = MixedRepository();
        string gitDirectory = Path.Combine(directory, ".git");
        string blob = GitCommandLine.Script(directory, """
            git checkout -q -b reused && echo reused-content > reused.txt && git add reused.txt && git commit -q -m reused
            git checkout -q main; git repack -q -a -d; git branch -q -D reused
            git reflog expire --expire=now --expire-unreachable=now --all
            echo reused-content | git hash-object --stdin
            """).Trim();
        foreach (string pack in Directory.GetFiles(Path.Combine(gitDirectory, "objects", "pack")))
            File.SetLastWriteTimeUtc(pack, DateTime.UtcNow.AddHours(-3));
        // A writer stores the same blob again: it is found in the old pack, whose time is renewed.
        Assert.Equal(GitObjectId.Parse(blob), new GitObjectDatabase(gitDirectory).Write(GitObjectType.Blob, "reused-content\n"u8));
        GitGarbageCollector.Collect(gitDirectory, new GitGcOptions { GracePeriod = TimeSpan.FromHours(1) });
        Assert.True(new GitObjectDatabase(gitDirectory).Contains(GitObjectId.Parse(blob)));
    }

    [Fact]
    public void A_second_collector_on_the_same_repository_is_refused()
    {
        string gitDirectory = ExternalTool.TempDirectory("islet-gc-lock-");
        using var running = new FileStream(Path.Combine(gitDirectory, "islet-gc-lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var error = Assert.Throws<IOException>(() => GitGarbageCollector.Collect(gitDirectory));
        Assert.Contains("Another garbage collection", error.Message);
    }
}
