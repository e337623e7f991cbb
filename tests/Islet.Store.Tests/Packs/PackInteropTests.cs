using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Tests.Packs;

/// <summary>Packs written by git itself, read back object by object against <c>git cat-file</c>.</summary>
public sealed class PackInteropTests(GitRepositoryFixture fixture) : IClassFixture<GitRepositoryFixture>
{
    [ToolFact("git", "git")]
    public void Gc_aggressive_packs_read_back_exactly_as_cat_file_gives_them()
    {
        GitRepository repo = Clone();
        repo.Git("gc", "-q", "--aggressive", "--prune=now");
        var packs = PackDirectory.Open(repo.PackDirectory);
        Assert.Single(packs.Packs);
        CheckEveryObject(repo, packs);
        Assert.Contains(packs.Packs[0].Ids, id => packs.Packs[0].KindOf(id) == PackEntryKind.OffsetDelta);
        packs.Packs[0].Verify();
    }

    [ToolFact("git", "git")]
    public void Repacks_with_shallow_and_deep_chains_read_back_exactly()
    {
        GitRepository repo = Clone();
        foreach (string depth in new[] { "--depth=3", "--depth=250" })
        {
            repo.Git("repack", "-q", "-a", "-d", "-f", depth, "--window=50");
            var packs = PackDirectory.Open(repo.PackDirectory);
            Assert.Single(packs.Packs);
            CheckEveryObject(repo, packs);
        }
    }

    [ToolFact("git", "git")]
    public void Ref_delta_packs_from_pack_objects_read_back_exactly()
    {
        GitRepository repo = Clone();
        string output = ExternalTool.TempDirectory("islet-refpack-");
        byte[] objects = repo.Git("rev-list", "--objects", "--all");
        // Without --delta-base-offset, pack-objects names every delta base by id (REF_DELTA).
        string name = System.Text.Encoding.ASCII.GetString(
            repo.GitWithInput(objects, "pack-objects", "-q", "--window=50", "--depth=50", Path.Combine(output, "pack"))).Trim();
        PackFile pack = PackFile.Open(Path.Combine(output, $"pack-{name}.pack"));
        Assert.Contains(pack.Ids, id => pack.KindOf(id) == PackEntryKind.ReferenceDelta);
        Assert.DoesNotContain(pack.Ids, id => pack.KindOf(id) == PackEntryKind.OffsetDelta);
        pack.Verify();
        var expected = repo.AllObjects().ToDictionary(o => o.Id);
        foreach (GitObjectId id in pack.Ids)
        {
            Assert.True(pack.TryRead(id, out GitObjectType type, out byte[] content));
            Assert.Equal(expected[id].Type, type);
            Assert.Equal(expected[id].Content, content);
        }
    }

    [ToolFact("git", "git")]
    public void Sha256_repositories_pack_and_read_back_exactly()
    {
        var repo = new GitRepository("sha256");
        for (int c = 0; c < 30; c++)
        {
            File.WriteAllText(Path.Combine(repo.Path, "a.txt"), string.Join('\n', Enumerable.Range(0, 200).Select(i => i % 30 == c ? $"changed {c}" : $"line {i}")));
            repo.Git("add", "-A");
            repo.Git("commit", "-q", "-m", $"c{c}");
        }
        repo.Git("gc", "-q", "--aggressive", "--prune=now");
        var packs = PackDirectory.Open(repo.PackDirectory, GitHashAlgorithm.Sha256);
        Assert.Contains(packs.Packs[0].Ids, id => packs.Packs[0].KindOf(id) == PackEntryKind.OffsetDelta);
        var all = repo.AllObjects();
        Assert.Equal(90, all.Count);
        foreach (var (id, expectedType, expectedContent) in all)
        {
            Assert.Equal(GitHashAlgorithm.Sha256, id.Algorithm);
            Assert.True(packs.TryRead(id, out GitObjectType type, out byte[] content));
            Assert.Equal(expectedType, type);
            Assert.Equal(expectedContent, content);
        }
    }

    [Fact]
    public void A_missing_pack_directory_holds_nothing()
    {
        var packs = PackDirectory.Open(Path.Combine(ExternalTool.TempDirectory(), "absent"));
        Assert.Empty(packs.Packs);
        Assert.False(packs.TryRead(GitObjectId.Compute(GitObjectType.Blob, []), out _, out _));
    }

    private GitRepository Clone()
    {
        var repo = new GitRepository();
        repo.Git("fetch", "-q", fixture.Path, "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");
        return repo;
    }

    private static void CheckEveryObject(GitRepository repo, PackDirectory packs)
    {
        var all = repo.AllObjects();
        Assert.True(all.Count > 800, $"only {all.Count} objects");
        Assert.Equal(all.Count, packs.Ids.Count());
        foreach (var (id, expectedType, expectedContent) in all)
        {
            Assert.True(packs.Contains(id));
            Assert.True(packs.TryRead(id, out GitObjectType type, out byte[] content), id.ToString());
            Assert.Equal(expectedType, type);
            Assert.Equal(expectedContent.Length, content.Length);
            Assert.Equal(expectedContent, content);
            Assert.Equal(id, GitObjectId.Compute(type, content));
        }
    }
}
