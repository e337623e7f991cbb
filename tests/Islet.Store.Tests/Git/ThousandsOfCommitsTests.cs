using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;
using Islet.Store.Tests.Packs;

namespace Islet.Store.Tests.Git;

/// <summary>
/// Thousands of commits written by Islet alone (loose objects, refs by compare-and-swap), then
/// repacked by Islet (one pack with deltas, the loose objects removed): git reads all of it, before
/// and after the repack, and agrees on every commit.
/// </summary>
public sealed class ThousandsOfCommitsTests
{
    private const int Commits = 2_000;

    [ToolFact("git", "git")]
    public void Git_fsck_is_clean_and_git_log_agrees_after_thousands_of_commits_and_after_an_islet_repack()
    {
        var repo = new GitRepository();
        try
        {
            string gitDirectory = Path.Combine(repo.Path, ".git");
            var objects = new GitObjectDatabase(gitDirectory);
            var refs = new RefStore(gitDirectory);
            var written = new List<(GitObjectType Type, byte[] Content)>();
            GitObjectId? head = null;
            var expected = new StringBuilder();
            var random = new Random(2000);
            var readme = new List<string> { "# A store written by Islet" };
            for (int i = 0; i < Commits; i++)
            {
                readme.Add($"change {i}: {random.Next()}");
                var blob = new GitBlob(Encoding.UTF8.GetBytes(string.Join('\n', readme.TakeLast(50)) + "\n"));
                var counter = new GitBlob(Encoding.ASCII.GetBytes($"{i}\n"));
                var data = new GitTree([new GitTreeEntry(GitTreeEntry.RegularFile, "counter", Write(objects, written, counter))]);
                var root = new GitTree(
                [
                    new GitTreeEntry(GitTreeEntry.RegularFile, "README.md", Write(objects, written, blob)),
                    new GitTreeEntry(GitTreeEntry.Directory, "data", Write(objects, written, data)),
                ]);
                var who = new GitSignature("Islet Store", "store@islet.example", 1_800_000_000 + i * 60L, i % 2 == 0 ? "+0000" : "+0530");
                var commit = new GitCommit(Write(objects, written, root), head is { } parent ? [parent] : [], who, who, $"commit {i}\n");
                GitObjectId id = Write(objects, written, commit);
                Assert.True(refs.TryUpdate("refs/heads/main", head, id));
                head = id;
                expected.Insert(0, $"{id} commit {i}\n");
            }
            refs.SetSymbolic("HEAD", "refs/heads/main");
            repo.Git("fsck", "--strict", "--no-dangling");
            Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(repo.Git("log", "--format=%H %s")));

            // Repack: every object into one pack with deltas; the loose copies go.
            var writer = new PackWriter();
            foreach (var (type, content) in written)
                writer.Add(type, content);
            WrittenPack pack = writer.WriteTo(Path.Combine(gitDirectory, "objects", "pack"));
            Assert.True(pack.DeltaCount > Commits, $"only {pack.DeltaCount} deltas");
            foreach (string directory in Directory.GetDirectories(Path.Combine(gitDirectory, "objects"), "??"))
                Directory.Delete(directory, recursive: true);
            objects.Refresh();

            repo.Git("fsck", "--strict", "--no-dangling");
            repo.Git("verify-pack", pack.IndexPath);
            Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(repo.Git("log", "--format=%H %s")));
            Assert.Equal("1999\n", Encoding.ASCII.GetString(repo.Git("cat-file", "-p", "HEAD:data/counter")));
            GitCommit last = (GitCommit)objects.TryReadObject(head!.Value)!;
            Assert.Equal("+0530", last.Author.TimeZone); // commit 1999: odd commits are +0530
            Assert.Equal(written.Count, pack.ObjectCount);
        }
        finally
        {
            Directory.Delete(repo.Path, recursive: true);
        }
    }

    private static GitObjectId Write(GitObjectDatabase objects, List<(GitObjectType, byte[])> written, GitObject value)
    {
        bool known = objects.Contains(value.ComputeId(objects.Algorithm));
        GitObjectId id = objects.Write(value);
        if (!known)
            written.Add((value.Type, value.ToBytes()));
        return id;
    }
}
