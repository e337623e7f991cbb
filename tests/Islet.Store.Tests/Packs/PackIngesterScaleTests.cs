using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Tests.Packs;

/// <summary>
/// A pack of more than 100,000 objects (34,000 commits from <c>git fast-import</c>, packed by
/// <c>git pack-objects</c> with deltas) ingested into a repository: the index equals git's, and the
/// live managed heap stays under a generous bound while it runs (a sanity check, not a benchmark).
/// </summary>
public sealed class PackIngesterScaleTests
{
    private const int Commits = 34_000;

    [ToolFact("git", "git")]
    public async Task A_pack_of_over_100000_objects_ingests_with_a_bounded_heap_and_the_index_git_writes()
    {
        var source = new GitRepository();
        source.GitWithInput(FastImportStream(), "fast-import", "--quiet");
        byte[] pack = source.GitWithInput([], "pack-objects", "-q", "--all", "--delta-base-offset", "--stdout");

        var target = new GitRepository();
        var database = new GitObjectDatabase(Path.Combine(target.Path, ".git"));
        long peak = 0;
        var options = new PackIngestOptions
        {
            DeltaCacheBytes = 4 << 20,
            Progress = (done, _) =>
            {
                if (done % 20_000 == 0)
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            },
        };
        PackIngestResult result = await PackIngester.IngestAsync(new MemoryStream(pack, writable: false), database, options);
        Assert.True(result.ObjectCount > 100_000, $"{result.ObjectCount} objects");
        // The pack itself (about 10 MB) is in memory here as the source; 256 MiB is far above what the tables need.
        Assert.True(peak < 256L << 20, $"live heap reached {peak} bytes");

        string scratch = ExternalTool.TempDirectory("islet-scale-");
        File.WriteAllBytes(Path.Combine(scratch, "p.pack"), pack);
        source.Git("index-pack", "-o", Path.Combine(scratch, "p.idx"), Path.Combine(scratch, "p.pack"));
        string name = "pack-" + Convert.ToHexStringLower(result.PackChecksum.Span);
        Assert.Equal(File.ReadAllBytes(Path.Combine(scratch, "p.idx")), File.ReadAllBytes(Path.Combine(target.PackDirectory, name + ".idx")));
        target.Git("update-ref", "refs/heads/main", Encoding.ASCII.GetString(source.Git("rev-parse", "main")).Trim());
        target.Git("fsck", "--strict", "--no-dangling", "--connectivity-only");
    }

    /// <summary>Commits that each rewrite one of 50 files in 10 directories, so blobs and trees delta well.</summary>
    private static byte[] FastImportStream()
    {
        var random = new Random(7);
        var lines = Enumerable.Range(0, 60).Select(i => $"line {i} {random.Next()}").ToArray();
        var output = new MemoryStream();
        var writer = new StreamWriter(output, new UTF8Encoding(false)) { NewLine = "\n" };
        for (int c = 0; c < Commits; c++)
        {
            int file = c % 50;
            lines[random.Next(lines.Length)] = $"edit {c} {random.Next()}";
            string data = string.Join('\n', lines.Take(20 + file % 40)) + "\n";
            string message = $"c{c}";
            writer.Write($"commit refs/heads/main\nmark :{c + 1}\ncommitter A <a@b> {1_700_000_000 + c} +0000\ndata {message.Length}\n{message}\n");
            if (c > 0)
                writer.Write($"from :{c}\n");
            writer.Write($"M 100644 inline d{file % 10}/f{file}.txt\ndata {Encoding.UTF8.GetByteCount(data)}\n{data}\n");
        }
        writer.Flush();
        return output.ToArray();
    }
}
