using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Tests.Packs;

/// <summary>Packs written by <see cref="PackWriter"/>, checked by git itself and by the pack reader.</summary>
public sealed class PackWriterInteropTests(PackWriterFixture fixture) : IClassFixture<PackWriterFixture>
{
    [ToolFact("git", "git")]
    public void A_pack_of_every_object_passes_verify_pack_and_fsck_strict_and_git_reads_the_same_history()
    {
        GitRepository source = fixture.Repository;
        var all = source.AllObjects();
        var target = new GitRepository();
        WrittenPack written = WriteAll(all, target.PackDirectory);
        CopyRefs(source, target);

        string verify = Encoding.ASCII.GetString(target.Git("verify-pack", "-v", written.IndexPath));
        Assert.Contains($"{written.PackPath}: ok", verify);
        Assert.Contains("chain length = 1:", verify);
        target.Git("fsck", "--strict", "--no-dangling");
        Assert.Equal(source.Git("log", "--format=%H %T %P%n%B", "main"), target.Git("log", "--format=%H %T %P%n%B", "main"));
        Assert.Equal(source.Git("cat-file", "-p", "v1"), target.Git("cat-file", "-p", "v1"));
        Assert.Equal(Sorted(all), Sorted(target.AllObjects()));
    }

    [ToolFact("git", "git")]
    public void Every_object_reads_back_exactly_through_the_pack_reader_and_deltas_shrink_the_pack()
    {
        var all = fixture.Repository.AllObjects();
        Assert.True(all.Count > 400, $"only {all.Count} objects");
        WrittenPack written = WriteAll(all, ExternalTool.TempDirectory("islet-packw-"));
        PackFile pack = PackFile.Open(written.PackPath);
        pack.Verify();
        Assert.Equal(all.Count, pack.Count);
        foreach (var (id, expectedType, expectedContent) in all)
        {
            Assert.True(pack.TryRead(id, out GitObjectType type, out byte[] content), id.ToString());
            Assert.Equal(expectedType, type);
            Assert.Equal(expectedContent, content);
        }

        int ofsDeltas = pack.Ids.Count(id => pack.KindOf(id) == PackEntryKind.OffsetDelta);
        Assert.Equal(written.DeltaCount, ofsDeltas);
        Assert.True(ofsDeltas > all.Count / 2, $"only {ofsDeltas} of {all.Count} entries are deltas");

        WrittenPack whole = WriteAll(all, ExternalTool.TempDirectory("islet-packw-whole-"), window: 0);
        Assert.Equal(0, whole.DeltaCount);
        long withDeltas = new FileInfo(written.PackPath).Length, withoutDeltas = new FileInfo(whole.PackPath).Length;
        Assert.True(withDeltas * 10 < withoutDeltas, $"{withDeltas} bytes with deltas, {withoutDeltas} without");
    }

    [ToolFact("git", "git")]
    public void Git_index_pack_builds_the_same_index_byte_for_byte()
    {
        var all = fixture.Repository.AllObjects();
        var target = new GitRepository();
        WrittenPack written = WriteAll(all, ExternalTool.TempDirectory("islet-packw-"));
        string other = Path.Combine(ExternalTool.TempDirectory("islet-packw-idx-"), "other.idx");
        target.Git("index-pack", "-o", other, written.PackPath);
        Assert.Equal(File.ReadAllBytes(other), File.ReadAllBytes(written.IndexPath));
    }

    [ToolFact("git", "git")]
    public void Sha256_repositories_are_written_verified_by_git_and_read_back()
    {
        var source = new GitRepository("sha256");
        for (int c = 0; c < 30; c++)
        {
            File.WriteAllText(Path.Combine(source.Path, "a.txt"), string.Join('\n', Enumerable.Range(0, 200).Select(i => i % 30 == c ? $"changed {c}" : $"line {i}")));
            source.Git("add", "-A");
            source.Git("commit", "-q", "-m", $"c{c}");
        }
        source.Git("tag", "-a", "v1", "-m", "annotated tag");
        var all = source.AllObjects();
        var target = new GitRepository("sha256");
        WrittenPack written = WriteAll(all, target.PackDirectory, GitHashAlgorithm.Sha256);
        Assert.Equal(64, written.Name.Length);
        Assert.True(written.DeltaCount > 0);
        CopyRefs(source, target);

        target.Git("verify-pack", "--object-format=sha256", written.IndexPath);
        target.Git("fsck", "--strict", "--no-dangling");
        Assert.Equal(source.Git("log", "--format=%H %T %P%n%B", "main"), target.Git("log", "--format=%H %T %P%n%B", "main"));
        string other = Path.Combine(ExternalTool.TempDirectory("islet-packw-idx-"), "other.idx");
        target.Git("index-pack", "--object-format=sha256", "-o", other, written.PackPath);
        Assert.Equal(File.ReadAllBytes(other), File.ReadAllBytes(written.IndexPath));

        PackFile pack = PackFile.Open(written.PackPath, algorithm: GitHashAlgorithm.Sha256);
        foreach (var (id, expectedType, expectedContent) in all)
        {
            Assert.True(pack.TryRead(id, out GitObjectType type, out byte[] content));
            Assert.Equal(expectedType, type);
            Assert.Equal(expectedContent, content);
        }
    }

    private static WrittenPack WriteAll(List<(GitObjectId Id, GitObjectType Type, byte[] Content)> all, string directory,
        GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1, int window = PackWriter.DefaultWindow)
    {
        var writer = new PackWriter(algorithm, window);
        foreach (var (_, type, content) in all)
            Assert.True(writer.Add(type, content));
        WrittenPack written = writer.WriteTo(directory);
        Assert.Equal($"pack-{written.Name}.pack", Path.GetFileName(written.PackPath));
        Assert.Equal($"pack-{written.Name}.idx", Path.GetFileName(written.IndexPath));
        Assert.Empty(Directory.GetFiles(directory, "tmp_*"));
        return written;
    }

    /// <summary>Writes each of the source's refs into the target by hand (the objects are already in its pack).</summary>
    private static void CopyRefs(GitRepository source, GitRepository target)
    {
        foreach (string line in Encoding.ASCII.GetString(source.Git("show-ref")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            string path = Path.Combine(target.Path, ".git", parts[1]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, parts[0] + "\n");
        }
    }

    private static List<string> Sorted(List<(GitObjectId Id, GitObjectType Type, byte[] Content)> all) =>
        [.. all.Select(o => $"{o.Id} {o.Type} {Convert.ToHexString(o.Content)}").Order(StringComparer.Ordinal)];
}
