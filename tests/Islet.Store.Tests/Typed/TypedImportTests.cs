using System.Globalization;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Tests.Git;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>Bulk import: many commits, one branch move, objects written as packs.</summary>
public sealed class TypedImportTests
{
    private static IEnumerable<(CommitInfo, Action<StoreTransaction<string>>)> Commits(int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => (Info($"import {i}", i), (Action<StoreTransaction<string>>)(t => t.Set($"k/{i % 13}", i.ToString(CultureInfo.InvariantCulture)).Set($"all/{i}", "x"))));

    [Theory]
    [InlineData(Memory)]
    [InlineData(FileSystem)]
    public void CommitManyMakesOneCommitPerItemAndMovesTheBranchOnce(string kind)
    {
        using IStoreBackend backend = Create(kind);
        Store<string> store = Strings(backend);
        GitObjectId start = store.Set("main", "seed", "s", Info("seed"));
        var moves = new List<BranchChange>();
        using BranchWatch watch = new Store<string>(backend, ContentTypes.String, new StoreOptions { WatchPollInterval = null }).Watch("main", moves.Add);
        GitObjectId head = store.CommitMany("main", Commits(500).Append((Info("no change", 999), t => t.Set("seed", "s"))))!.Value;
        Assert.Equal(head, store.Head("main"));
        Assert.Equal(new BranchChange("main", start, head), Assert.Single(moves));
        IReadOnlyList<StoreCommit> log = store.Log("main");
        Assert.Equal(501, log.Count);
        Assert.Equal("import 499\n", log[0].Message);
        Assert.Equal("499", store.Get("main", "k/5"));
        Assert.Equal(500, store.List("main", "all").Count);
        Assert.Equal(head, store.CommitMany("main", []));
    }

    [Fact]
    public void CommitManyMergesWithAConcurrentWriter()
    {
        using var inner = new MemoryBackend();
        var racing = new InterleavingBackend(inner);
        Store<string> importer = Strings(racing), other = Strings(inner);
        importer.Set("main", "seed", "s", Info("seed"));
        racing.BeforeNextUpdate = () => other.Set("main", "other", "o", Info("other", 1));
        GitObjectId head = importer.CommitMany("main", Commits(20, 2))!.Value;
        Assert.Equal(2, importer.ReadCommit(head).Commit.Parents.Count);
        Assert.Equal("o", importer.Get("main", "other"));
        Assert.Equal(20, importer.List("main", "all").Count);
    }

    [ToolFact("git", "git")]
    public void AnImportIsOnePackThatGitReadsCommitByCommit()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-import-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory);
        Store<string> store = Strings(backend);
        GitObjectId head = store.CommitMany("main", Commits(800))!.Value;
        Assert.Single(backend.Database.Packs);
        GitCommandLine.Script(directory, "git --git-dir=. fsck --strict");
        Assert.Equal("800", GitCommandLine.Script(directory, "git --git-dir=. rev-list --count main").Trim());
        Assert.Equal(head.ToString(), GitCommandLine.Script(directory, "git --git-dir=. rev-parse main").Trim());
        Assert.Equal("789", GitCommandLine.Script(directory, "git --git-dir=. show main:k/9"));
        Assert.Equal("import 400", GitCommandLine.Script(directory, "git --git-dir=. log -1 --format=%s main~399").Trim());
    }
}
