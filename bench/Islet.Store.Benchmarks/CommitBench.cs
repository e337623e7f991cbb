using Islet.Store;
using Islet.Store.Backends;

namespace Islet.Store.Benchmarks;

/// <summary>
/// Bulk commits: commit i sets <c>data/f{i % files}</c> to <c>value {i}\n</c> on refs/heads/main,
/// each commit on top of the previous one — the same history bench/store.sh feeds git fast-import.
/// </summary>
internal static class CommitBench
{
    public static long LibGit2(string gitDirectory, int count, int files)
    {
        using var repository = new LibGit2Sharp.Repository(gitDirectory);
        var signature = new LibGit2Sharp.Signature("Bench", "bench@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        LibGit2Sharp.Commit? parent = null;
        LibGit2Sharp.Tree? tree = null;
        for (int i = 0; i < count; i++)
        {
            var definition = tree is null ? new LibGit2Sharp.TreeDefinition() : LibGit2Sharp.TreeDefinition.From(tree);
            var blob = repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"value {i}\n")));
            definition.Add($"data/f{i % files}", blob, LibGit2Sharp.Mode.NonExecutableFile);
            tree = repository.ObjectDatabase.CreateTree(definition);
            parent = repository.ObjectDatabase.CreateCommit(signature, signature, $"commit {i}\n", tree, parent is null ? [] : [parent], prettifyMessage: false);
        }
        repository.Refs.Add("refs/heads/main", parent!.Id, allowOverwrite: true);
        return count;
    }

    /// <summary>Islet's bulk path, <see cref="Store{T}.CommitMany"/> (the fast-import counterpart): objects go out as packs, main moves once.</summary>
    public static long Islet(string gitDirectory, int count, int files)
    {
        using var backend = FileSystemBackend.Open(gitDirectory);
        var store = new Store<string>(backend, ContentTypes.String);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IEnumerable<(CommitInfo, Action<StoreTransaction<string>>)> Commits()
        {
            for (int i = 0; i < count; i++)
            {
                int n = i;
                yield return (new CommitInfo("Bench", "bench@example.com", $"commit {n}\n", time),
                    tx => tx.Set(StorePath.Parse($"data/f{n % files}"), $"value {n}\n"));
            }
        }
        store.CommitMany("main", Commits());
        return count;
    }
}
