using System.Diagnostics;
using Islet.Platform.Unix.Block;
using Islet.Store.Backends;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using Islet.Store.Git.Refs;
using Islet.Store.Tests.Git;
using Xunit.Abstractions;

namespace Islet.Store.Tests.Crash;

/// <summary>
/// Issue 7's crash-safety evidence: a writer process is SIGKILLed at seeded random moments; after
/// each kill the store must open, (on a .git directory) <c>git fsck --strict</c> must be clean, and
/// every acknowledged commit must be on main (the last ACK an ancestor of, or equal to, main).
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Streams = 4;
    private const int GitRunsPerStream = 50;
    private const int BlockRunsPerStream = 15;

    [ToolFact("git", "git")]
    public void Killing_a_git_directory_writer_200_times_loses_no_acknowledged_commit()
    {
        var clock = Stopwatch.StartNew();
        int[] kills = new int[Streams], acked = new int[Streams], staleLocks = new int[Streams];
        // Independent repositories side by side: the writer mostly waits for fsync and process start.
        Parallel.For(0, Streams, new ParallelOptions { MaxDegreeOfParallelism = Streams }, stream =>
        {
            string directory = ExternalTool.TempDirectory("islet-crash-git-");
            GitCommandLine.Script(directory, "git init -q -b main .");
            string gitDirectory = Path.Combine(directory, ".git");
            var random = new Random(20261122 + stream);
            GitObjectId? verified = null;
            for (int run = 0; run < GitRunsPerStream; run++)
            {
                (List<string> acks, bool killed) = CrashWriterProcess.RunAndKill("git", gitDirectory, stream * 1000 + run, random.Next(0, 4), PauseTicks(random));
                kills[stream] += killed ? 1 : 0;
                acked[stream] += acks.Count;
                staleLocks[stream] += File.Exists(Path.Combine(gitDirectory, "refs", "heads", "main.lock")) ? 1 : 0;
                (int exit, string fsck) = ExternalTool.Run("git", "-C", directory, "fsck", "--strict", "--no-dangling");
                Assert.True(exit == 0 && fsck.Trim().Length == 0, $"stream {stream} run {run}: git fsck --strict: {fsck}");
                var refs = new RefStore(gitDirectory);
                var objects = new GitObjectDatabase(gitDirectory);
                verified = CheckAcknowledged(objects, refs.Resolve("refs/heads/main"), acks, verified, run);
            }
        });
        output.WriteLine($"{kills.Sum()} kills in {Streams} repositories, {acked.Sum()} acknowledged commits, {staleLocks.Sum()} stale main.lock files left by a kill (the next writer recovered them), {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(Streams * GitRunsPerStream, kills.Sum());
    }

    [Fact]
    public void Killing_a_block_device_writer_loses_no_acknowledged_commit()
    {
        var clock = Stopwatch.StartNew();
        int[] kills = new int[Streams], acked = new int[Streams];
        Parallel.For(0, Streams, new ParallelOptions { MaxDegreeOfParallelism = Streams }, stream =>
        {
            string path = Path.Combine(ExternalTool.TempDirectory("islet-crash-block-"), "store.img");
            using (var file = File.Create(path))
                file.SetLength(16L << 20);
            using (var device = FileBlockDevice.Open(path))
                BlockDeviceBackend.FormatAsync(device).AsTask().GetAwaiter().GetResult().Dispose();
            var random = new Random(11 + stream);
            GitObjectId? verified = null;
            for (int run = 0; run < BlockRunsPerStream; run++)
            {
                (List<string> acks, bool killed) = CrashWriterProcess.RunAndKill("block", path, stream * 1000 + run, random.Next(0, 4), PauseTicks(random));
                kills[stream] += killed ? 1 : 0;
                acked[stream] += acks.Count;
                using var device = FileBlockDevice.Open(path);
                using BlockDeviceBackend store = BlockDeviceBackend.OpenAsync(device).AsTask().GetAwaiter().GetResult();
                verified = CheckAcknowledged(store.Objects, store.Refs.Resolve("refs/heads/main"), acks, verified, run);
            }
        });
        output.WriteLine($"{kills.Sum()} kills on {Streams} device files, {acked.Sum()} acknowledged commits, {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(Streams * BlockRunsPerStream, kills.Sum());
    }

    /// <summary>A pause of 0 to 3 ms after the chosen ACK, so kills land anywhere in a write cycle (about a millisecond).</summary>
    private static long PauseTicks(Random random) => (long)(random.NextDouble() * 3 * Stopwatch.Frequency / 1000);

    /// <summary>
    /// Walks main's first-parent chain back to the previous verified main, requiring every commit
    /// (and its tree and blob) to be readable and this run's last ACK to be on the way; returns main.
    /// </summary>
    private static GitObjectId? CheckAcknowledged(IObjectStore objects, GitObjectId? main, List<string> acks, GitObjectId? previous, int run)
    {
        GitObjectId? lastAck = acks.Count > 0 ? GitObjectId.Parse(acks[^1]) : null;
        if (main is null)
        {
            Assert.True(lastAck is null && previous is null, $"run {run}: main is gone but commits were acknowledged");
            return null;
        }
        bool ackFound = lastAck is null;
        GitObjectId? current = main;
        for (int steps = 0; current is GitObjectId id && id != previous; steps++)
        {
            Assert.True(steps < 1_000_000, "main's history does not end");
            ackFound |= id == lastAck;
            Assert.True(objects.TryRead(id, out _, out byte[] content), $"run {run}: commit {id} on main is missing");
            GitCommit commit = GitCommit.Parse(content);
            Assert.True(objects.TryRead(commit.Tree, out _, out byte[] tree), $"run {run}: tree of {id} is missing");
            Assert.True(objects.Contains(GitTree.Parse(tree).Entries[0].Id), $"run {run}: blob of {id} is missing");
            current = commit.Parents.Count > 0 ? commit.Parents[0] : null;
        }
        Assert.True(current == previous, $"run {run}: main no longer descends from the previously verified main {previous}");
        Assert.True(ackFound || lastAck == previous, $"run {run}: acknowledged commit {lastAck} is not on main {main}");
        return main;
    }
}
