using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Typed;

/// <summary>The memory and file-system backends: layout, config checks, refs compare-and-swap, pack import.</summary>
public sealed class TypedBackendTests
{
    [Theory]
    [InlineData("[core]\n\trepositoryformatversion = 2\n", "version 2")]
    [InlineData("[core]\n\trepositoryformatversion = 1\n[extensions]\n\trefstorage = reftable\n", "extensions.refstorage")]
    [InlineData("[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectformat = sha3\n", "sha3")]
    [InlineData("[core]\n\trepositoryformatversion = 0\n[extensions]\n\tobjectformat = sha256\n", "version 1")]
    [InlineData("[core]\n\trepositoryformatversion = x\n", "not a number")]
    public void OpenRefusesConfigsItDoesNotUnderstand(string config, string named)
    {
        string directory = ExternalTool.TempDirectory("islet-typed-config-");
        FileSystemBackend.Init(directory).Dispose();
        File.WriteAllText(Path.Combine(directory, "config"), config);
        var e = Assert.Throws<StoreException>(() => FileSystemBackend.Open(directory));
        Assert.Equal(StoreError.UnsupportedRepository, e.Error);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InitRefusesAnExistingRepositoryAndOpenRefusesANonRepository()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-init-");
        FileSystemBackend.Init(directory).Dispose();
        Assert.Equal(StoreError.UnsupportedRepository, Assert.Throws<StoreException>(() => FileSystemBackend.Init(directory)).Error);
        string empty = ExternalTool.TempDirectory("islet-typed-empty-");
        Assert.Equal(StoreError.UnsupportedRepository, Assert.Throws<StoreException>(() => FileSystemBackend.Open(empty)).Error);
    }

    [Fact]
    public void InitWritesGitsLayout()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-layout-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory, bare: true, GitHashAlgorithm.Sha256);
        Assert.Equal("ref: refs/heads/main\n", File.ReadAllText(Path.Combine(directory, "HEAD")));
        string config = File.ReadAllText(Path.Combine(directory, "config"));
        Assert.Contains("repositoryformatversion = 1", config, StringComparison.Ordinal);
        Assert.Contains("objectformat = sha256", config, StringComparison.Ordinal);
        foreach (string sub in new[] { "objects/pack", "objects/info", "refs/heads", "refs/tags" })
            Assert.True(Directory.Exists(Path.Combine(directory, sub)), sub);
    }

    [Fact]
    public void MemoryRefsCompareAndSwap()
    {
        using var backend = new MemoryBackend();
        GitObjectId one = backend.Objects.Write(GitObjectType.Blob, "1"u8);
        GitObjectId two = backend.Objects.Write(GitObjectType.Blob, "2"u8);
        Assert.True(backend.Refs.TryUpdate("refs/heads/a", null, one));
        Assert.False(backend.Refs.TryUpdate("refs/heads/a", null, two));
        Assert.False(backend.Refs.TryUpdate("refs/heads/a", two, two));
        Assert.True(backend.Refs.TryUpdate("refs/heads/a", one, two));
        Assert.Equal(two, backend.Refs.Resolve("refs/heads/a"));
        Assert.Null(backend.Refs.Resolve("HEAD"));
        Assert.True(backend.Refs.TryUpdate("refs/heads/main", null, one));
        Assert.Equal(one, backend.Refs.Resolve("HEAD"));
        Assert.Equal(GitRefError.NameConflict, Assert.Throws<GitRefException>(() => backend.Refs.TryUpdate("refs/heads/a/b", null, one)).Error);
        Assert.False(backend.Refs.TryDelete("refs/heads/a", one));
        Assert.True(backend.Refs.TryDelete("refs/heads/a", two));
        Assert.Equal(["refs/heads/main"], backend.Refs.List().Select(r => r.Name));
        Assert.Equal(GitRefError.InvalidName, Assert.Throws<GitRefException>(() => backend.Refs.Read("refs/heads/bad..name")).Error);
    }

    [ToolFact("git", "git")]
    public void MemoryBackendImportsAPackGitWrote()
    {
        string directory = GitCommandLine.MakeSampleRepository();
        GitCommandLine.Script(directory, "git repack -q -a -d");
        string pack = Directory.GetFiles(Path.Combine(directory, ".git", "objects", "pack"), "*.pack").Single();
        using var backend = new MemoryBackend();
        using (IPackImport import = backend.Objects.BeginPackImport())
        {
            import.Data.Write(File.ReadAllBytes(pack));
            import.Commit(PackIndex.Parse(File.ReadAllBytes(Path.ChangeExtension(pack, ".idx"))));
        }
        GitObjectId main = GitObjectId.Parse(GitCommandLine.Script(directory, "git rev-parse main").Trim());
        Assert.True(backend.Refs.TryUpdate("refs/heads/main", null, main));
        var store = new Store<string>(backend, ContentTypes.String);
        Assert.Equal("hello\n", store.Get("main", "a.txt"));
        Assert.Equal("x\n", store.Get("main", "dir/sub/x"));
        int objects = GitCommandLine.Script(directory, "git cat-file --batch-all-objects --batch-check").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(objects, backend.Objects.EnumerateIds().Distinct().Count());
    }

    [Fact]
    public void AnUncommittedPackImportLeavesTheMemoryStoreUnchanged()
    {
        using var backend = new MemoryBackend();
        using (IPackImport import = backend.Objects.BeginPackImport())
            import.Data.Write("PACK not really"u8);
        Assert.Empty(backend.Objects.EnumerateIds());
    }
}
