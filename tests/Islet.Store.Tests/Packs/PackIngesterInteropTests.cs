using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Tests.Packs;

/// <summary>
/// Packs written by git (pack-objects with offset or reference deltas, thin packs, gc --aggressive,
/// SHA-256) ingested into a repository: the index equals <c>git index-pack</c>'s byte for byte, and
/// <c>git fsck --strict</c> and <c>git verify-pack</c> accept the result.
/// </summary>
public sealed class PackIngesterInteropTests(GitRepositoryFixture fixture) : IClassFixture<GitRepositoryFixture>
{
    [ToolFact("git", "git")]
    public async Task Offset_delta_packs_index_exactly_as_git_index_pack()
    {
        GitRepository source = Clone();
        byte[] pack = source.GitWithInput([], "pack-objects", "-q", "--revs", "--all", "--delta-base-offset", "--stdout");
        await IngestAndCompare(source, pack, expectDeltas: true);
    }

    [ToolFact("git", "git")]
    public async Task Reference_delta_packs_index_exactly_as_git_index_pack()
    {
        GitRepository source = Clone();
        byte[] pack = source.GitWithInput([], "pack-objects", "-q", "--revs", "--all", "--stdout");
        await IngestAndCompare(source, pack, expectDeltas: true);
    }

    [ToolFact("git", "git")]
    public async Task Gc_aggressive_packs_index_exactly_as_git_wrote_them()
    {
        GitRepository source = Clone();
        source.Git("gc", "-q", "--aggressive", "--prune=now");
        string packPath = Directory.GetFiles(source.PackDirectory, "*.pack").Single();
        var target = new GitRepository();
        var database = new GitObjectDatabase(Path.Combine(target.Path, ".git"));
        await using (FileStream stream = File.OpenRead(packPath))
            await PackIngester.IngestAsync(stream, database);
        string name = Path.GetFileName(packPath);
        Assert.Equal(File.ReadAllBytes(Path.ChangeExtension(packPath, ".idx")), File.ReadAllBytes(Path.Combine(target.PackDirectory, Path.ChangeExtension(name, ".idx"))));
        Assert.Equal(File.ReadAllBytes(packPath), File.ReadAllBytes(Path.Combine(target.PackDirectory, name)));
        Assert.Single(database.Packs);
        CheckWithGit(source, Path.Combine(target.Path, ".git"));
    }

    [ToolFact("git", "git")]
    public async Task Thin_packs_are_completed_from_the_store()
    {
        GitRepository source = Clone();
        source.Git("branch", "old", "main~60");
        var target = new GitRepository();
        target.Git("fetch", "-q", "--update-head-ok", source.Path, "old:refs/heads/main");
        byte[] pack = source.GitWithInput(Encoding.ASCII.GetBytes("main\n^old\n"), "pack-objects", "-q", "--revs", "--thin", "--delta-base-offset", "--stdout");
        var database = new GitObjectDatabase(Path.Combine(target.Path, ".git"));
        int packsBefore = database.Packs.Count;

        var refused = await Assert.ThrowsAsync<GitPackException>(async () => await PackIngester.IngestAsync(new MemoryStream(pack), database));
        Assert.Equal(GitPackError.BadDeltaBase, refused.Error);
        Assert.Equal(packsBefore, Directory.GetFiles(target.PackDirectory).Length / 2);

        PackIngestResult result = await PackIngester.IngestAsync(new MemoryStream(pack), database, new PackIngestOptions { AllowThin = true });
        Assert.True(result.ThinBasesAppended > 0);
        string main = Encoding.ASCII.GetString(source.Git("rev-parse", "main")).Trim();
        target.Git("update-ref", "refs/heads/main", main);
        target.Git("fsck", "--strict", "--no-dangling");
        string packName = "pack-" + Convert.ToHexStringLower(result.PackChecksum.Span);
        target.Git("verify-pack", Path.Combine(target.PackDirectory, packName + ".idx"));
        Assert.Equal(result.ObjectCount, database.Packs.Single(p => p.Index.PackChecksum.SequenceEqual(result.PackChecksum.Span)).Count);

        // git's own --fix-thin, in a repository in the same state, appends as many bases.
        var reference = new GitRepository();
        reference.Git("fetch", "-q", "--update-head-ok", source.Path, "old:refs/heads/main");
        string fixedName = Encoding.ASCII.GetString(reference.GitWithInput(pack, "index-pack", "--stdin", "--fix-thin")).Trim().Split('\t')[^1];
        PackFile fixedByGit = PackFile.Open(Path.Combine(reference.PackDirectory, $"pack-{fixedName}.pack"));
        Assert.Equal(fixedByGit.Count, result.ObjectCount);
        Assert.Equal(fixedByGit.Ids.Order(), database.Packs.Single(p => p.Index.PackChecksum.SequenceEqual(result.PackChecksum.Span)).Ids.Order());
    }

    [ToolFact("git", "git")]
    public async Task Sha256_packs_index_exactly_as_git_index_pack()
    {
        var source = new GitRepository("sha256");
        for (int c = 0; c < 30; c++)
        {
            File.WriteAllText(Path.Combine(source.Path, "a.txt"), string.Join('\n', Enumerable.Range(0, 200).Select(i => i % 30 == c ? $"changed {c}" : $"line {i}")));
            source.Git("add", "-A");
            source.Git("commit", "-q", "-m", $"c{c}");
        }
        byte[] pack = source.GitWithInput([], "pack-objects", "-q", "--revs", "--all", "--delta-base-offset", "--stdout");
        await IngestAndCompare(source, pack, expectDeltas: true, "sha256");
    }

    [ToolFact("git", "git")]
    public async Task Packs_islet_writes_with_empty_objects_are_accepted_by_git_and_the_ingester()
    {
        var writer = new PackWriter();
        writer.Add(GitObjectType.Blob, []);
        writer.Add(GitObjectType.Tree, []);
        writer.Add(GitObjectType.Blob, "not empty\n"u8.ToArray());
        byte[] pack = writer.Encode().Pack;
        var store = new MemoryObjectStore();
        await PackIngester.IngestAsync(new MemoryStream(pack), store);
        Assert.True(store.TryRead(GitObjectId.Compute(GitObjectType.Tree, []), out _, out byte[] tree));
        Assert.Empty(tree);
        string scratch = ExternalTool.TempDirectory("islet-emptypack-");
        File.WriteAllBytes(Path.Combine(scratch, "p.pack"), pack);
        new GitRepository().Git("index-pack", Path.Combine(scratch, "p.pack"));
    }

    /// <summary>Ingests <paramref name="pack"/> into a new bare repository and compares with git's index-pack, fsck and verify-pack.</summary>
    private static async Task IngestAndCompare(GitRepository source, byte[] pack, bool expectDeltas, string format = "sha1")
    {
        GitHashAlgorithm algorithm = format == "sha256" ? GitHashAlgorithm.Sha256 : GitHashAlgorithm.Sha1;
        string bare = ExternalTool.TempDirectory("islet-bare-");
        source.Git("init", "-q", "--bare", $"--object-format={format}", bare);
        string packDirectory = Path.Combine(bare, "objects", "pack");
        var database = new GitObjectDatabase(bare, algorithm);
        PackIngestResult result = await PackIngester.IngestAsync(new MemoryStream(pack), database);
        Assert.Equal(0, result.ThinBasesAppended);
        string name = "pack-" + Convert.ToHexStringLower(result.PackChecksum.Span);
        Assert.Equal(pack, File.ReadAllBytes(Path.Combine(packDirectory, name + ".pack")));
        Assert.Empty(Directory.GetFiles(packDirectory, "tmp_*"));

        string scratch = ExternalTool.TempDirectory("islet-indexpack-");
        File.WriteAllBytes(Path.Combine(scratch, "p.pack"), pack);
        source.Git("index-pack", "-o", Path.Combine(scratch, "p.idx"), Path.Combine(scratch, "p.pack"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(scratch, "p.idx")), File.ReadAllBytes(Path.Combine(packDirectory, name + ".idx")));

        PackFile stored = database.Packs.Single();
        Assert.Equal(result.ObjectCount, stored.Count);
        if (expectDeltas)
            Assert.Contains(stored.Ids, id => stored.KindOf(id) is PackEntryKind.OffsetDelta or PackEntryKind.ReferenceDelta);
        CheckWithGit(source, bare);
    }

    /// <summary>Points the repository at <paramref name="gitDirectory"/>'s refs at the source's, then runs fsck --strict and verify-pack there.</summary>
    private static void CheckWithGit(GitRepository source, string gitDirectory)
    {
        string refs = Encoding.ASCII.GetString(source.Git("for-each-ref", "--format=%(objectname) %(refname)", "refs/heads", "refs/tags"));
        foreach (string line in refs.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            source.Git($"--git-dir={gitDirectory}", "update-ref", parts[1], parts[0]);
        }
        source.Git($"--git-dir={gitDirectory}", "fsck", "--strict", "--no-dangling");
        foreach (string idx in Directory.GetFiles(Path.Combine(gitDirectory, "objects", "pack"), "*.idx"))
            source.Git($"--git-dir={gitDirectory}", "verify-pack", idx);
        string Listing(string? dir) => Encoding.ASCII.GetString(dir is null
            ? source.Git("cat-file", "--batch-check", "--batch-all-objects")
            : source.Git($"--git-dir={dir}", "cat-file", "--batch-check", "--batch-all-objects"));
        var expected = Listing(null).Split('\n').ToHashSet();
        Assert.True(expected.IsSubsetOf(Listing(gitDirectory).Split('\n').ToHashSet()));
    }

    private GitRepository Clone()
    {
        var repo = new GitRepository();
        repo.Git("fetch", "-q", "--update-head-ok", fixture.Path, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");
        repo.Git("reset", "-q", "--hard", "main");
        return repo;
    }
}
