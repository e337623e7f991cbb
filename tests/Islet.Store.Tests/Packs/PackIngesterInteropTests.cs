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
        CheckWithGit(source, target);
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
        // git's own --fix-thin on the same pack appends the same bases (possibly in another order): same object count.
        string verbose = Encoding.ASCII.GetString(target.Git("verify-pack", "-v", Path.Combine(target.PackDirectory, packName + ".idx")));
        Assert.Contains($"non delta: ", verbose);
        Assert.Equal(result.ObjectCount, new PackFile[] { database.Packs.Single(p => p.Index.PackChecksum.SequenceEqual(result.PackChecksum.Span)) }[0].Count);
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

    private static async Task IngestAndCompare(GitRepository source, byte[] pack, bool expectDeltas, string format = "sha1")
    {
        GitHashAlgorithm algorithm = format == "sha256" ? GitHashAlgorithm.Sha256 : GitHashAlgorithm.Sha1;
        var target = new GitRepository(format);
        var database = new GitObjectDatabase(Path.Combine(target.Path, ".git"), algorithm);
        PackIngestResult result = await PackIngester.IngestAsync(new MemoryStream(pack), database);
        Assert.Equal(0, result.ThinBasesAppended);
        string name = "pack-" + Convert.ToHexStringLower(result.PackChecksum.Span);
        Assert.Equal(pack, File.ReadAllBytes(Path.Combine(target.PackDirectory, name + ".pack")));
        Assert.Empty(Directory.GetFiles(target.PackDirectory, "tmp_*"));

        string scratch = ExternalTool.TempDirectory("islet-indexpack-");
        File.WriteAllBytes(Path.Combine(scratch, "p.pack"), pack);
        source.Git("index-pack", "-o", Path.Combine(scratch, "p.idx"), Path.Combine(scratch, "p.pack"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(scratch, "p.idx")), File.ReadAllBytes(Path.Combine(target.PackDirectory, name + ".idx")));

        PackFile stored = database.Packs.Single();
        Assert.Equal(result.ObjectCount, stored.Count);
        if (expectDeltas)
            Assert.Contains(stored.Ids, id => stored.KindOf(id) is PackEntryKind.OffsetDelta or PackEntryKind.ReferenceDelta);
        CheckWithGit(source, target);
    }

    /// <summary>Points the target's refs at the source's, then runs fsck --strict and verify-pack there.</summary>
    private static void CheckWithGit(GitRepository source, GitRepository target)
    {
        string refs = Encoding.ASCII.GetString(source.Git("for-each-ref", "--format=%(objectname) %(refname)", "refs/heads", "refs/tags"));
        foreach (string line in refs.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            target.Git("update-ref", parts[1], parts[0]);
        }
        target.Git("fsck", "--strict", "--no-dangling");
        foreach (string idx in Directory.GetFiles(target.PackDirectory, "*.idx"))
            target.Git("verify-pack", idx);
        var expected = source.AllObjects().Select(o => o.Id).ToHashSet();
        var actual = target.AllObjects().Select(o => o.Id).ToHashSet();
        Assert.True(expected.IsSubsetOf(actual));
    }

    private GitRepository Clone()
    {
        var repo = new GitRepository();
        repo.Git("fetch", "-q", "--update-head-ok", fixture.Path, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");
        repo.Git("reset", "-q", "--hard", "main");
        return repo;
    }
}
