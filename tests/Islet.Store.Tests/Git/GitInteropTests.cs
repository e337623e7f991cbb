using System.Text;
using Islet.Store.Git;

namespace Islet.Store.Tests.Git;

/// <summary>Objects made by git read byte for byte, and objects written here accepted by git.</summary>
public sealed class GitInteropTests : IDisposable
{
    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (string directory in _directories)
            Directory.Delete(directory, recursive: true);
    }

    [ToolFact("git", "git")]
    public void Every_object_git_made_parses_and_reserializes_to_its_id()
    {
        string repository = Own(GitCommandLine.MakeSampleRepository());
        var store = new LooseObjectStore(Path.Combine(repository, ".git"));
        List<(string Id, string Type)> objects = GitCommandLine.AllObjects(repository);
        Assert.True(objects.Count >= 20, $"only {objects.Count} objects");
        var seen = new HashSet<GitObjectType>();
        foreach ((string hex, string typeName) in objects)
        {
            GitObjectId id = GitObjectId.Parse(hex);
            Assert.True(store.TryRead(id, out GitObjectType type, out byte[] content), hex);
            Assert.Equal(typeName, GitObjectId.TypeName(type));
            GitObject parsed = GitObject.Parse(type, content);
            Assert.Equal(content, parsed.ToBytes());
            Assert.Equal(id, parsed.ComputeId());
            seen.Add(type);
        }
        Assert.Equal(4, seen.Count);
    }

    [ToolFact("git", "git")]
    public void Parsed_fields_match_what_git_wrote()
    {
        string repository = Own(GitCommandLine.MakeSampleRepository());
        var store = new LooseObjectStore(Path.Combine(repository, ".git"));
        GitObjectId Rev(string rev) => GitObjectId.Parse(GitCommandLine.Script(repository, $"git rev-parse '{rev}'").Trim());

        var merge = Assert.IsType<GitCommit>(store.TryReadObject(Rev("main")));
        Assert.Equal([Rev("main^1"), Rev("main^2")], merge.Parents);
        Assert.Equal("A U Thor", merge.Author.NameText);
        Assert.Equal("author@example.org", merge.Author.EmailText);
        Assert.Equal(1700000000, merge.Author.Seconds);
        Assert.Equal("+0530", merge.Author.TimeZone);

        var side = Assert.IsType<GitCommit>(store.TryReadObject(Rev("side")));
        Assert.Equal("-0800", side.Committer.TimeZone);
        Assert.Equal("side work\n\nA longer body\nover two lines.\n", Encoding.UTF8.GetString(side.Message.Span));

        var signed = Assert.IsType<GitCommit>(store.TryReadObject(Rev("signed")));
        Assert.Equal(["encoding", "mergetag", "gpgsig"], signed.ExtraHeaders.Select(h => h.Key));
        Assert.Equal("-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----", signed.ExtraHeaders[2].ValueText);
        Assert.Equal("-0130", signed.Committer.TimeZone);

        var tag = Assert.IsType<GitTag>(store.TryReadObject(Rev("v1")));
        Assert.Equal(Rev("main"), tag.Target);
        Assert.Equal(GitObjectType.Commit, tag.TargetType);
        Assert.Equal("v1", tag.NameText);
        Assert.Equal("version 1\n", Encoding.UTF8.GetString(tag.Message.Span));

        var tree = Assert.IsType<GitTree>(store.TryReadObject(Rev("main^{tree}")));
        Assert.Equal(["a-b", "a.txt", "dir.txt", "dir", "link", "main.txt", "module", "run.sh", "side.txt"], tree.Entries.Select(e => e.NameText));
        Assert.Equal(["100644", "100644", "100644", "40000", "120000", "100644", "160000", "100755", "100644"], tree.Entries.Select(e => e.Mode));
    }

    [ToolFact("git", "git")]
    public void Objects_written_here_pass_git_fsck_strict_and_show_in_git_log()
    {
        string repository = Own(ExternalTool.TempDirectory("islet-git-"));
        GitCommandLine.Script(repository, "git init -q -b main .");
        string gitDirectory = Path.Combine(repository, ".git");
        var store = new LooseObjectStore(gitDirectory);

        GitObjectId readme = store.Write(new GitBlob("Islet\n"u8));
        GitObjectId script = store.Write(GitObjectType.Blob, "#!/bin/sh\nexit 0\n"u8);
        GitObjectId target = store.Write(new GitBlob("README"u8));
        GitObjectId leaf = store.Write(new GitTree([new GitTreeEntry(GitTreeEntry.RegularFile, "leaf.txt", readme)]));
        GitObjectId nested = store.Write(new GitTree([
            new GitTreeEntry(GitTreeEntry.Directory, "deeper", leaf),
            new GitTreeEntry(GitTreeEntry.RegularFile, "deeper.txt", readme),
        ]));
        GitObjectId root = store.Write(new GitTree([
            new GitTreeEntry(GitTreeEntry.RegularFile, "README", readme),
            new GitTreeEntry(GitTreeEntry.ExecutableFile, "run.sh", script),
            new GitTreeEntry(GitTreeEntry.Symlink, "link", target),
            new GitTreeEntry(GitTreeEntry.Directory, "src", nested),
        ]));
        var author = new GitSignature("Ada Lovelace", "ada@example.org", 1700000000, "+0530");
        var committer = new GitSignature("Charles Babbage", "cb@example.org", 1700000500, "-0800");
        GitObjectId first = store.Write(new GitCommit(root, [], author, committer, "First commit\n"));
        GitObjectId second = store.Write(new GitCommit(root, [first], author, committer, [new GitExtraHeader("encoding", "UTF-8"u8)],
            "Second commit\n\nWith a body\nof two lines.\n"u8));
        GitObjectId tag = store.Write(new GitTag(second, GitObjectType.Commit, "v0.1", committer, "Release 0.1\n"));
        File.WriteAllText(Path.Combine(gitDirectory, "refs", "heads", "main"), second + "\n");
        File.WriteAllText(Path.Combine(gitDirectory, "refs", "tags", "v0.1"), tag + "\n");

        string fsck = GitCommandLine.Script(repository, "git fsck --strict --no-dangling 2>&1");
        Assert.DoesNotContain("error", fsck);
        Assert.DoesNotContain("warning", fsck);
        Assert.DoesNotContain("missing", fsck);

        Assert.Equal(
            $"{second} {first} Ada Lovelace <ada@example.org> 1700000000 2023-11-15 03:43:20 +0530 Charles Babbage 2023-11-14 14:21:40 -0800 Second commit\n" +
            $"{first}  Ada Lovelace <ada@example.org> 1700000000 2023-11-15 03:43:20 +0530 Charles Babbage 2023-11-14 14:21:40 -0800 First commit\n",
            GitCommandLine.Script(repository, "git log --format='%H %P %an <%ae> %at %ai %cn %ci %s' main"));
        Assert.Equal("Second commit\n\nWith a body\nof two lines.\n",
            GitCommandLine.Script(repository, "git log -1 --format=%B main | head -c -1"));
        Assert.Equal(
            $"100644 blob {readme}\tREADME\n120000 blob {target}\tlink\n100755 blob {script}\trun.sh\n" +
            $"100644 blob {readme}\tsrc/deeper.txt\n100644 blob {readme}\tsrc/deeper/leaf.txt\n",
            GitCommandLine.Script(repository, "git ls-tree -r main"));
        Assert.Equal(
            $"object {second}\ntype commit\ntag v0.1\ntagger Charles Babbage <cb@example.org> 1700000500 -0800\n\nRelease 0.1\n",
            GitCommandLine.Script(repository, "git cat-file -p v0.1"));
        Assert.Equal("Islet\n", GitCommandLine.Script(repository, "git cat-file -p main:src/deeper/leaf.txt"));
    }

    [ToolFact("git", "git")]
    public void Sha256_repositories_read_and_write_with_32_byte_ids()
    {
        string repository = Own(ExternalTool.TempDirectory("islet-git-"));
        GitCommandLine.Script(repository, """
            git init -q -b main --object-format=sha256 .
            mkdir d && echo one > d/one && echo two > two && git add -A
            GIT_AUTHOR_DATE='1700000000 +0100' GIT_COMMITTER_DATE='1700000000 +0100' git -c user.name=A -c user.email=a@example.org commit -q -m 'sha256 commit'
            """);
        var store = new LooseObjectStore(Path.Combine(repository, ".git"), GitHashAlgorithm.Sha256);
        foreach ((string hex, _) in GitCommandLine.AllObjects(repository))
        {
            GitObjectId id = GitObjectId.Parse(hex);
            Assert.Equal(GitHashAlgorithm.Sha256, id.Algorithm);
            Assert.True(store.TryRead(id, out GitObjectType type, out byte[] content));
            GitObject parsed = GitObject.Parse(type, content, GitHashAlgorithm.Sha256);
            Assert.Equal(content, parsed.ToBytes());
            Assert.Equal(id, parsed.ComputeId(GitHashAlgorithm.Sha256));
        }
        var head = Assert.IsType<GitCommit>(store.TryReadObject(GitObjectId.Parse(GitCommandLine.Script(repository, "git rev-parse HEAD").Trim())));
        GitObjectId child = store.Write(new GitCommit(head.Tree, [head.ComputeId(GitHashAlgorithm.Sha256)], head.Author, head.Committer, "child\n"));
        File.WriteAllText(Path.Combine(repository, ".git", "refs", "heads", "main"), child + "\n");
        Assert.DoesNotContain("error", GitCommandLine.Script(repository, "git fsck --strict --no-dangling 2>&1"));
        Assert.Equal("child\nsha256 commit\n", GitCommandLine.Script(repository, "git log --format=%s main"));
        Assert.Throws<ArgumentException>(() => store.Contains(GitObjectId.Parse(GitSamples.TreeId)));
    }

    private string Own(string directory)
    {
        _directories.Add(directory);
        return directory;
    }
}
