using Islet.Store.Git;
using Islet.Store.Tests.Packs;

namespace Islet.Store.Tests.Git;

/// <summary>A repository git has packed (gc --aggressive) plus loose objects made after: read through
/// one database, parsed, and exported into a fresh repository with every hash unchanged.</summary>
public sealed class GitObjectDatabaseTests
{
    [ToolFact("git", "git")]
    public void Objects_git_packed_and_left_loose_read_back_exactly_and_export_with_identical_hashes()
    {
        GitRepository source = GitRepository.WithHistory(40);
        GitRepository? target = null;
        try
        {
            source.Git("gc", "--aggressive", "-q");
            File.WriteAllText(Path.Combine(source.Path, "after-gc.txt"), "loose\n");
            source.Git("add", "after-gc.txt");
            source.Git("commit", "-q", "-m", "made after gc: its objects stay loose");
            var database = new GitObjectDatabase(Path.Combine(source.Path, ".git"));
            Assert.NotEmpty(database.Packs);

            target = new GitRepository();
            var export = new GitObjectDatabase(Path.Combine(target.Path, ".git"));
            List<(GitObjectId Id, GitObjectType Type, byte[] Content)> all = source.AllObjects();
            int loose = 0;
            foreach (var (id, type, content) in all)
            {
                Assert.True(database.TryRead(id, out GitObjectType readType, out byte[] readContent), $"{id} is missing");
                Assert.Equal(type, readType);
                Assert.Equal(content, readContent);
                GitObject parsed = database.TryReadObject(id)!;
                Assert.Equal(content, parsed.ToBytes());
                Assert.Equal(id, export.Write(parsed));
                if (!database.Packs.Any(p => p.Contains(id)))
                    loose++;
            }
            Assert.True(loose >= 3, $"only {loose} loose objects"); // the commit, its tree and the new blob

            string head = System.Text.Encoding.ASCII.GetString(source.Git("rev-parse", "HEAD")).Trim();
            File.WriteAllText(Path.Combine(target.Path, ".git", "refs", "heads", "main"), head + "\n");
            target.Git("fsck", "--strict", "--no-dangling");
            Assert.Equal(source.Git("log", "--format=%H %T %P %an %ae %at %ai %s"), target.Git("log", "--format=%H %T %P %an %ae %at %ai %s"));
            Assert.Equal(source.Git("ls-tree", "-r", "HEAD"), target.Git("ls-tree", "-r", "HEAD"));
        }
        finally
        {
            Directory.Delete(source.Path, recursive: true);
            if (target is not null)
                Directory.Delete(target.Path, recursive: true);
        }
    }
}
