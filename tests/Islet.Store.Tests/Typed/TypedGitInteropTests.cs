using System.Globalization;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Typed;

/// <summary>Real git reads what the typed store writes, and the typed store reads what real git writes.</summary>
public sealed class TypedGitInteropTests
{
    [ToolFact("git", "git")]
    public void HundredsOfCommitsWithMergesAreWhatGitSees()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-git-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory);
        var store = new Store<string>(backend, ContentTypes.String);
        var expected = new Dictionary<string, string>();
        store.Set("main", "readme", "hello from islet\n", Info("root", 0, "+0000"));
        store.CreateBranch("side", "main");
        for (int i = 1; i <= 300; i++)
        {
            string branch = i % 3 == 0 ? "side" : "main";
            string path = $"{branch}/{i % 7}/item{i % 11}";
            string value = $"value {i}\n";
            store.Set(branch, path, value, Info($"commit {i} on {branch}", i, i % 2 == 0 ? "-0800" : "+0530"));
            if (i % 25 == 0)
                Assert.True(store.MergeBranch("main", "side", Info($"merge side into main at {i}", i, "+0100")).IsOk);
            if (i % 40 == 0)
                Assert.True(store.MergeBranch("side", "main", Info($"merge main into side at {i}", i, "+0100")).IsOk);
        }
        foreach (KeyValuePair<StorePath, string> pair in store.Snapshot("main").Walk())
            expected[pair.Key.ToString()] = pair.Value;

        string fsck = GitCommandLine.Script(directory, "git --git-dir=. fsck --strict 2>&1");
        Assert.DoesNotContain("error", fsck, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", fsck, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("missing", fsck, StringComparison.OrdinalIgnoreCase);

        var ours = store.Log("main").Concat(store.Log("side")).DistinctBy(c => c.Id)
            .ToDictionary(c => c.Id.ToString(), c => $"{string.Join(' ', c.Commit.Parents)}|{c.Commit.Author.NameText}|{c.Commit.Author.EmailText}|{c.Commit.Author.Seconds} {c.Commit.Author.TimeZone}|{c.Message.TrimEnd('\n')}");
        var theirs = GitCommandLine.Script(directory, "git --git-dir=. log --all --date=raw --format='%H|%P|%an|%ae|%ad|%B%x00'")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('\n')).Where(s => s.Length > 0)
            .ToDictionary(s => s[..s.IndexOf('|', StringComparison.Ordinal)], s => s[(s.IndexOf('|', StringComparison.Ordinal) + 1)..]);
        Assert.True(ours.Count > 300);
        Assert.Equal(ours.OrderBy(p => p.Key, StringComparer.Ordinal), theirs.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(store.Head("main")!.Value.ToString(), GitCommandLine.Script(directory, "git --git-dir=. rev-parse main").Trim());
        foreach (string path in expected.Keys.Take(12))
            Assert.Equal(expected[path], GitCommandLine.Script(directory, $"git --git-dir=. show main:{path}"));
        Assert.Equal(expected.Count, GitCommandLine.Script(directory, "git --git-dir=. ls-tree -r --name-only main").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [ToolFact("git", "git")]
    public void ARepositoryMadeByGitReadsWithTheSameValues()
    {
        string directory = GitCommandLine.MakeSampleRepository();
        using FileSystemBackend backend = FileSystemBackend.Open(directory);
        Assert.Equal(GitHashAlgorithm.Sha1, backend.Algorithm);
        var store = new Store<string>(backend, ContentTypes.String);
        string[] files = GitCommandLine.Script(directory, "git ls-tree -r main | awk '$1 == \"100644\" || $1 == \"100755\" { print $4 }'")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("dir/sub/x", files);
        Dictionary<string, string> walked = store.Snapshot("main").Walk().ToDictionary(p => p.Key.ToString(), p => p.Value);
        Assert.Equal(files.Order(StringComparer.Ordinal), walked.Keys.Order(StringComparer.Ordinal));
        foreach (string file in files)
            Assert.Equal(GitCommandLine.Script(directory, $"git show main:{file}"), walked[file]);
        Assert.False(store.Find("main", "link").HasValue);
        Assert.Contains(store.List("main", ""), e => e.Name == "module" && !e.IsDirectory);
        string[] revList = GitCommandLine.Script(directory, "git rev-list main").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(revList.Order(), store.Log("main").Select(c => c.Id.ToString()).Order());
        Assert.Contains("side", store.Branches());

        GitObjectId head = store.Set("main", "dir/added", "added by islet\n", Info("islet on top", 1, "+0000"));
        Assert.Equal("added by islet\n", GitCommandLine.Script(directory, "git show main:dir/added"));
        Assert.Equal("hello\n", GitCommandLine.Script(directory, "git show main:a.txt"));
        Assert.Equal(head.ToString(), GitCommandLine.Script(directory, "git rev-parse main").Trim());
        GitCommandLine.Script(directory, "git fsck --strict");
    }

    [ToolFact("git", "git")]
    public void Sha256RepositoriesWorkBothWays()
    {
        string made = ExternalTool.TempDirectory("islet-typed-sha256-");
        GitCommandLine.Script(made, """
            git init -q -b main --object-format=sha256 .
            git config user.name G && git config user.email g@example.org
            mkdir d && echo one > d/one && git add -A && git commit -q -m 'by git'
            """);
        using (FileSystemBackend backend = FileSystemBackend.Open(made))
        {
            Assert.Equal(GitHashAlgorithm.Sha256, backend.Algorithm);
            var store = new Store<string>(backend, ContentTypes.String);
            Assert.Equal("one\n", store.Get("main", "d/one"));
            store.Set("main", "d/two", "two\n", Info("by islet", 1, "+0000"));
            Assert.Equal(64, store.Head("main")!.Value.ToString().Length);
        }
        Assert.Equal("two\n", GitCommandLine.Script(made, "git show main:d/two"));
        GitCommandLine.Script(made, "git fsck --strict");

        string initialised = ExternalTool.TempDirectory("islet-typed-sha256-init-");
        using (FileSystemBackend backend = FileSystemBackend.Init(initialised, bare: true, GitHashAlgorithm.Sha256))
        {
            var store = new Store<string>(backend, ContentTypes.String);
            store.Set("main", "x/y", "sha256 value\n", Info("first", 0, "+0000"));
            store.CreateBranch("b", "main");
            store.Set("b", "z", "z\n", Info("on b", 1, "+0000"));
            Assert.True(store.MergeBranch("main", "b", Info("merge", 2, "+0000")).IsOk);
        }
        Assert.Equal("sha256", GitCommandLine.Script(initialised, "git --git-dir=. rev-parse --show-object-format").Trim());
        Assert.Equal("sha256 value\n", GitCommandLine.Script(initialised, "git --git-dir=. show main:x/y"));
        GitCommandLine.Script(initialised, "git --git-dir=. fsck --strict");
        using FileSystemBackend reopened = FileSystemBackend.Open(initialised);
        Assert.Equal(GitHashAlgorithm.Sha256, reopened.Algorithm);
    }

    [ToolFact("git", "git")]
    public void ABulkTransactionIsWrittenAsOnePackThatGitReads()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-bulk-");
        using FileSystemBackend backend = FileSystemBackend.Init(directory);
        var store = new Store<string>(backend, ContentTypes.String);
        GitObjectId head = store.Commit("main", t =>
        {
            for (int i = 0; i < 2000; i++)
                t.Set($"bulk/{i % 50}/{i}", $"value {i}\n");
        }, Info("bulk load", 0, "+0000"));
        Assert.Single(backend.Database.Packs);
        Assert.Empty(Directory.GetDirectories(Path.Combine(directory, "objects"), "??"));
        Assert.Equal("value 1234\n", store.Get("main", "bulk/34/1234"));
        GitCommandLine.Script(directory, "git --git-dir=. fsck --strict");
        Assert.Equal("value 1999\n", GitCommandLine.Script(directory, "git --git-dir=. show main:bulk/49/1999"));
        Assert.Equal(2000, GitCommandLine.Script(directory, "git --git-dir=. ls-tree -r --name-only main").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        store.Set("main", "bulk/0/0", "changed\n", Info("small change", 1, "+0000"));
        Assert.Single(backend.Database.Packs);
        Assert.Equal(head, store.ReadCommit(store.Head("main")!.Value).Commit.Parents[0]);
    }

    [ToolFact("git", "git")]
    public void AnIsletInitialisedWorkTreeIsAcceptedByGit()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-worktree-");
        using (FileSystemBackend backend = FileSystemBackend.Init(directory, bare: false))
            new Store<string>(backend, ContentTypes.String).Set("main", "file", "content\n", Info("first", 0, "+0000"));
        GitCommandLine.Script(directory, "git checkout -q main -- . && test \"$(cat file)\" = content && git fsck --strict");
        Assert.Equal("main", GitCommandLine.Script(directory, "git symbolic-ref --short HEAD").Trim());
    }

    private static CommitInfo Info(string message, int tick, string zone)
    {
        TimeSpan offset = TimeSpan.ParseExact(zone[1..], "hhmm", CultureInfo.InvariantCulture);
        return new CommitInfo("Interop Tester", "interop@example.org", message,
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + tick).ToOffset(zone[0] == '-' ? -offset : offset));
    }
}
