using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Refs;

/// <summary>Compare-and-swap semantics on a bare directory, including many stores racing.</summary>
public sealed class RefCompareAndSwapTests : IDisposable
{
    private readonly string _directory = ExternalTool.TempDirectory("islet-refs-");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static GitObjectId Id(int n) => GitObjectId.Compute(GitObjectType.Blob, BitConverter.GetBytes(n));

    /// <summary>Runs <paramref name="body"/> on <paramref name="count"/> threads and rethrows the first failure (instead of crashing the test host).</summary>
    private static void RunThreads(int count, Action body)
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(_ => new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    [Fact]
    public void Create_only_update_fails_when_the_ref_exists()
    {
        var store = new RefStore(_directory);
        Assert.True(store.TryUpdate("refs/heads/main", null, Id(1)));
        Assert.False(store.TryUpdate("refs/heads/main", null, Id(2)));
        Assert.Equal(Id(1), store.Resolve("refs/heads/main"));
        Assert.Equal(Id(1) + "\n", File.ReadAllText(Path.Combine(_directory, "refs", "heads", "main")));
        Assert.False(File.Exists(Path.Combine(_directory, "refs", "heads", "main.lock")));
    }

    [Fact]
    public void Wrong_expected_value_returns_false_and_changes_nothing()
    {
        var store = new RefStore(_directory);
        Assert.False(store.TryUpdate("refs/heads/main", Id(1), Id(2)));
        Assert.Null(store.Read("refs/heads/main"));
        Assert.True(store.TryUpdate("refs/heads/main", null, Id(1)));
        Assert.False(store.TryUpdate("refs/heads/main", Id(3), Id(2)));
        Assert.Equal(Id(1), store.Resolve("refs/heads/main"));
        Assert.True(store.TryUpdate("refs/heads/main", Id(1), Id(2)));
        Assert.Equal(Id(2), store.Resolve("refs/heads/main"));
        Assert.False(store.TryDelete("refs/heads/main", Id(1)));
        Assert.True(store.TryDelete("refs/heads/main", Id(2)));
        Assert.Null(store.Read("refs/heads/main"));
        Assert.Empty(Directory.GetFiles(_directory, "*.lock", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_symbolic_ref_never_matches_an_expected_id_and_resolves_through_its_target()
    {
        var store = new RefStore(_directory);
        store.SetSymbolic("HEAD", "refs/heads/main");
        Assert.Null(store.Resolve("HEAD"));
        Assert.False(store.TryUpdate("HEAD", null, Id(1)));
        Assert.True(store.TryUpdate("refs/heads/main", null, Id(1)));
        Assert.Equal(Id(1), store.Resolve("HEAD"));
        Assert.Equal("ref: refs/heads/main\n", File.ReadAllText(Path.Combine(_directory, "HEAD")));
    }

    [Fact]
    public void A_ref_inside_or_above_an_existing_ref_is_refused_loose_or_packed()
    {
        var store = new RefStore(_directory);
        File.WriteAllText(Path.Combine(_directory, "packed-refs"), $"{Id(1)} refs/heads/packed\n{Id(1)} refs/heads/deep/er\n");
        Assert.True(store.TryUpdate("refs/heads/loose", null, Id(1)));
        Assert.Equal(GitRefError.NameConflict, Assert.Throws<GitRefException>(() => store.TryUpdate("refs/heads/packed/x", null, Id(2))).Error);
        Assert.Equal(GitRefError.NameConflict, Assert.Throws<GitRefException>(() => store.TryUpdate("refs/heads/deep", null, Id(2))).Error);
        Assert.ThrowsAny<IOException>(() => store.TryUpdate("refs/heads/loose/x", null, Id(2)));
        Assert.Equal(["refs/heads/deep/er", "refs/heads/loose", "refs/heads/packed"], store.List().Select(r => r.Name));
        Assert.Empty(Directory.GetFiles(_directory, "*.lock", SearchOption.AllDirectories));
    }

    [Fact]
    public void Symbolic_cycles_are_refused()
    {
        var store = new RefStore(_directory);
        store.SetSymbolic("refs/heads/a", "refs/heads/b");
        store.SetSymbolic("refs/heads/b", "refs/heads/a");
        Assert.Equal(GitRefError.SymbolicRefTooDeep, Assert.Throws<GitRefException>(() => store.Resolve("refs/heads/a")).Error);
    }

    [Fact]
    public void A_stale_lock_fails_the_update_with_Locked_and_leaves_it_alone()
    {
        var store = new RefStore(_directory, lockTimeout: TimeSpan.FromMilliseconds(50));
        Assert.True(store.TryUpdate("refs/heads/main", null, Id(1)));
        string lockPath = Path.Combine(_directory, "refs", "heads", "main.lock");
        File.WriteAllText(lockPath, "");
        GitRefException e = Assert.Throws<GitRefException>(() => store.TryUpdate("refs/heads/main", Id(1), Id(2)));
        Assert.Equal(GitRefError.Locked, e.Error);
        Assert.Contains("main.lock", e.Message);
        Assert.True(File.Exists(lockPath));
        Assert.Equal(Id(1), store.Resolve("refs/heads/main"));
        Assert.Equal(["refs/heads/main"], store.List().Select(r => r.Name));
        File.Delete(lockPath);
        Assert.True(store.TryUpdate("refs/heads/main", Id(1), Id(2)));
    }

    [Fact]
    public void Invalid_names_are_refused_before_touching_the_disk()
    {
        var store = new RefStore(_directory);
        Assert.Throws<GitRefException>(() => store.TryUpdate("refs/../../escape", null, Id(1)));
        Assert.Throws<GitRefException>(() => store.TryUpdate("refs/heads/x.lock", null, Id(1)));
        Assert.Throws<GitRefException>(() => store.SetSymbolic("HEAD", "refs/heads/a..b"));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void Racing_stores_from_the_same_old_value_have_exactly_one_winner_per_round()
    {
        const int Threads = 6, Rounds = 150;
        using (var seed = new StreamWriter(Path.Combine(_directory, "packed-refs")))
            seed.Write($"# pack-refs with: peeled fully-peeled sorted \n{Id(0)} refs/heads/counter\n");
        int[] wins = new int[Rounds];
        using var barrier = new Barrier(Threads);
        RunThreads(Threads, () =>
        {
            var store = new RefStore(_directory, lockTimeout: TimeSpan.FromSeconds(30));
            try
            {
                for (int round = 0; round < Rounds; round++)
                {
                    barrier.SignalAndWait();
                    if (store.TryUpdate("refs/heads/counter", Id(round), Id(round + 1)))
                        Interlocked.Increment(ref wins[round]);
                    barrier.SignalAndWait();
                }
            }
            catch
            {
                barrier.RemoveParticipant();
                throw;
            }
        });
        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.Equal(Id(Rounds), new RefStore(_directory).Resolve("refs/heads/counter"));
        Assert.Empty(Directory.GetFiles(_directory, "*.lock", SearchOption.AllDirectories));
    }

    [Fact]
    public void Racing_stores_incrementing_a_chain_lose_no_increment()
    {
        const int Threads = 4, PerThread = 60;
        RunThreads(Threads, () =>
        {
            var store = new RefStore(_directory, lockTimeout: TimeSpan.FromSeconds(30));
            for (int done = 0; done < PerThread;)
            {
                GitObjectId? current = store.Resolve("refs/heads/chain");
                int n = current is null ? 0 : Enumerable.Range(0, Threads * PerThread + 1).First(i => Id(i) == current.Value);
                if (store.TryUpdate("refs/heads/chain", current, Id(n + 1)))
                    done++;
            }
        });
        Assert.Equal(Id(Threads * PerThread), new RefStore(_directory).Resolve("refs/heads/chain"));
    }

    [Fact]
    public void Malformed_files_on_disk_raise_only_GitRefException()
    {
        var store = new RefStore(_directory);
        var random = new Random(7);
        Directory.CreateDirectory(Path.Combine(_directory, "refs", "heads"));
        byte[] alphabet = "0123456789abcdefgz :^\n\t/.refs@{#"u8.ToArray();
        for (int i = 0; i < 300; i++)
        {
            byte[] bytes = Enumerable.Range(0, random.Next(0, 90)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            File.WriteAllBytes(Path.Combine(_directory, i % 2 == 0 ? "packed-refs" : "refs/heads/x"), bytes);
            try
            {
                store.List();
                store.Resolve("refs/heads/x");
            }
            catch (GitRefException)
            {
            }
        }
    }
}
