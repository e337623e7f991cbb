using System.Globalization;
using System.Text.RegularExpressions;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Tests.Backends;
using Islet.Store.Tests.Git;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>
/// The streaming pack of a bulk import: trees written as deltas of their previous versions, chains
/// bounded as git bounds them, a superseded tree read again, and a backend that takes no packs.
/// </summary>
public sealed partial class TypedImportPackTests
{
    [ToolFact("git", "git")]
    public void Edited_trees_are_stored_as_delta_chains_no_deeper_than_fifty_that_git_verifies()
    {
        string directory = ExternalTool.TempDirectory("islet-import-deltas-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory);
        Store<string> store = Strings(backend);
        // 400 commits over 100 files in one directory: every commit rewrites that tree and the root.
        GitObjectId head = store.CommitMany("main", Enumerable.Range(0, 400).Select(i =>
            (Info($"c {i}", i), (Action<StoreTransaction<string>>)(t => t.Set($"data/f{i % 100}", $"value {i}")))))!.Value;

        string pack = Assert.Single(Directory.GetFiles(Path.Combine(directory, "objects", "pack"), "*.pack"));
        string verify = GitCommandLine.Script(directory, $"git --git-dir=. verify-pack -v '{pack}'");
        // verify-pack -v: "SHA-1 type size size-in-pack offset [depth base-SHA-1]" per object, then a chain histogram.
        var deltas = ObjectLine().Matches(verify).Where(m => m.Groups["depth"].Success).ToList();
        Assert.All(deltas, m => Assert.Equal("tree", m.Groups["type"].Value));
        // The first 64 commits are held before the pack starts, and the one-entry root is too small to
        // gain from a delta: the 100-entry data/ trees of the other 336 commits are, but for chain starts.
        Assert.True(deltas.Count >= 300, $"{deltas.Count} of 400 data/ trees stored as deltas");
        Assert.Equal(50, deltas.Max(m => int.Parse(m.Groups["depth"].Value, CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("chain length = 51", verify);
        GitCommandLine.Script(directory, "git --git-dir=. fsck --strict --no-progress");
        Assert.Equal(head.ToString(), GitCommandLine.Script(directory, "git --git-dir=. rev-parse main").Trim());
        Assert.Equal("value 399", GitCommandLine.Script(directory, "git --git-dir=. show main:data/f99"));
        Assert.Equal("value 250", GitCommandLine.Script(directory, "git --git-dir=. show main~149:data/f50"));
        // And through the store, which reads the chains back itself.
        Assert.Equal("value 350", store.Snapshot(store.Log("main")[49].Id).Get("data/f50"));
    }

    [ToolFact("git", "git")]
    public void An_import_that_edits_one_of_two_identical_subtrees_and_then_the_other_keeps_both()
    {
        string directory = ExternalTool.TempDirectory("islet-import-twins-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory);
        Store<string> store = Strings(backend);
        // Past the pack threshold first, then rounds of: a/ and b/ made equal (one tree at two paths),
        // a/ edited (its tree superseded by a delta of it), then b/ edited, starting from that same tree.
        IEnumerable<(CommitInfo, Action<StoreTransaction<string>>)> Commits()
        {
            for (int i = 0; i < 300; i++)
            {
                int n = i;
                yield return (Info($"fill {n}", n), t => t.Set($"fill/{n}", "x").Set($"a/pad{n % 40}", "p").Set($"b/pad{n % 40}", "p"));
            }
            for (int round = 0; round < 100; round++)
            {
                int r = round;
                yield return (Info($"twins {r}", 1000 + r), t => t.Set("a/same", $"round {r}").Set("b/same", $"round {r}").Remove("a/x").Remove("b/x"));
                yield return (Info($"a {r}", 2000 + r), t => t.Set("a/x", $"a {r}"));
                yield return (Info($"b {r}", 3000 + r), t => t.Set("b/x", $"b {r}"));
            }
        }
        GitObjectId head = store.CommitMany("main", Commits())!.Value;

        // Each flush ends a pack; the objects after the last one (fewer than a pack's threshold) are loose.
        int packs = Directory.GetFiles(Path.Combine(directory, "objects", "pack"), "*.pack").Length;
        Assert.True(packs > 1, $"{packs} pack: the batch was never flushed to read a superseded tree back");
        Assert.Equal(600, store.Log("main").Count);
        Assert.Equal("round 99", store.Get("main", "a/same"));
        Assert.Equal("round 99", store.Get("main", "b/same"));
        Assert.Equal("a 99", store.Get("main", "a/x"));
        Assert.Equal("b 99", store.Get("main", "b/x"));
        Assert.Equal(42, store.List("main", "b").Count); // 40 pads, same and x
        Assert.False(store.Snapshot(store.Log("main")[2].Id).Find("a/x").HasValue);
        GitCommandLine.Script(directory, "git --git-dir=. fsck --strict --no-progress");
        Assert.Equal("b 91", GitCommandLine.Script(directory, $"git --git-dir=. show {head}~24:b/x"));
    }

    [ToolFact("git", "git")]
    public void A_backend_that_takes_no_packs_gets_the_imported_objects_one_by_one()
    {
        string directory = ExternalTool.TempDirectory("islet-import-nopacks-");
        using FileSystemBackend real = FileSystemBackend.Init(directory);
        var backend = new NoPackBackend(real);
        Store<string> store = Strings(backend);
        GitObjectId head = store.CommitMany("main", Enumerable.Range(0, 300).Select(i =>
            (Info($"c {i}", i), (Action<StoreTransaction<string>>)(t => t.Set($"d/f{i % 30}", $"v {i}")))))!.Value;

        Assert.True(backend.PackImportsRefused > 0);
        Assert.Empty(Directory.GetFiles(Path.Combine(directory, "objects", "pack")));
        Assert.Equal("v 299", store.Get("main", "d/f29"));
        Assert.Equal(300, store.Log("main").Count);
        GitCommandLine.Script(directory, "git --git-dir=. fsck --strict --no-progress");
        Assert.Equal(head.ToString(), GitCommandLine.Script(directory, "git --git-dir=. rev-parse main").Trim());
    }

    [GeneratedRegex(@"^(?<id>[0-9a-f]{40}) (?<type>\w+)\s+\d+ \d+ \d+(?: (?<depth>\d+) [0-9a-f]{40})?$", RegexOptions.Multiline)]
    private static partial Regex ObjectLine();

    /// <summary>A backend whose object store refuses pack imports, as a backend that can take none may.</summary>
    private sealed class NoPackBackend(IStoreBackend inner) : WrappingBackend(inner)
    {
        public int PackImportsRefused { get; private set; }

        public override IPackImport BeginPackImport()
        {
            PackImportsRefused++;
            throw new NotSupportedException("This backend takes objects one by one.");
        }
    }
}
