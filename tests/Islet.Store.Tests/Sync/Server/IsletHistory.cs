using System.Text;
using Islet.Store.Git;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>Writes history with Islet alone into a served backend: commits, branches, annotated and lightweight tags.</summary>
internal static class IsletHistory
{
    /// <summary>A bare repository made by <c>git init --bare</c>, opened as a backend with HEAD on main.</summary>
    public static DirectoryBackend CreateBare(string objectFormat = "sha1")
    {
        string directory = ExternalTool.TempDirectory("islet-served-");
        GitCommandLine.Script(directory, $"git init -q --bare -b main --object-format={objectFormat} .");
        return new DirectoryBackend(directory, objectFormat == "sha256" ? GitHashAlgorithm.Sha256 : GitHashAlgorithm.Sha1);
    }

    /// <summary>
    /// Appends <paramref name="count"/> commits to <paramref name="branch"/> (created when missing), each
    /// changing a growing README and a counter file; returns the new tip.
    /// </summary>
    public static GitObjectId Commit(DirectoryBackend backend, string branch, int count, int seed)
    {
        var objects = backend.Database;
        string name = "refs/heads/" + branch;
        GitObjectId? head = backend.RefStore.Resolve(name);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var lines = Enumerable.Range(0, 40).Select(j => $"{branch} line {j}: {(j == i % 40 ? random.Next() : j * seed)}");
            GitObjectId readme = objects.Write(new GitBlob(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")));
            GitObjectId counter = objects.Write(new GitBlob(Encoding.ASCII.GetBytes($"{seed}/{i}\n")));
            GitObjectId data = objects.Write(new GitTree([new GitTreeEntry(GitTreeEntry.RegularFile, "counter", counter)]));
            GitObjectId root = objects.Write(new GitTree(
            [
                new GitTreeEntry(GitTreeEntry.RegularFile, "README.md", readme),
                new GitTreeEntry(GitTreeEntry.Directory, "data", data),
            ]));
            var who = new GitSignature("Islet Store", "store@islet.example", 1_800_000_000 + seed * 100_000L + i * 60L, i % 2 == 0 ? "+0000" : "-0330");
            GitObjectId commit = objects.Write(new GitCommit(root, head is { } parent ? [parent] : [], who, who, $"{branch} commit {i} ({seed})\n"));
            Assert.True(backend.RefStore.TryUpdate(name, head, commit));
            head = commit;
        }
        return head!.Value;
    }

    /// <summary>An annotated tag <paramref name="tag"/> on <paramref name="target"/>.</summary>
    public static GitObjectId Tag(DirectoryBackend backend, string tag, GitObjectId target)
    {
        var tagger = new GitSignature("Islet Store", "store@islet.example", 1_900_000_000, "+0100");
        GitObjectId id = backend.Database.Write(new GitTag(target, GitObjectType.Commit, tag, tagger, $"release {tag}\n"));
        Assert.True(backend.RefStore.TryUpdate("refs/tags/" + tag, null, id));
        return id;
    }

    /// <summary>
    /// A history of <paramref name="mainCommits"/> commits on main, a side branch every 100 commits (with
    /// 10 commits of its own), an annotated tag every 50 and a lightweight tag every 75; HEAD names main.
    /// </summary>
    public static void Populate(DirectoryBackend backend, int mainCommits)
    {
        for (int done = 0; done < mainCommits; done += 25)
        {
            GitObjectId tip = Commit(backend, "main", Math.Min(25, mainCommits - done), done + 1);
            int reached = Math.Min(done + 25, mainCommits);
            if (reached % 100 == 0)
            {
                Assert.True(backend.RefStore.TryUpdate($"refs/heads/side{reached}", null, tip));
                Commit(backend, $"side{reached}", 10, 100_000 + reached);
            }
            if (reached % 50 == 0) Tag(backend, $"v{reached}", tip);
            if (reached % 75 == 0) Assert.True(backend.RefStore.TryUpdate($"refs/tags/light{reached}", null, tip));
        }
        backend.RefStore.SetSymbolic("HEAD", "refs/heads/main");
    }
}
