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

    public static long Islet(string gitDirectory, int count, int files) =>
        throw new NotSupportedException("Written once the typed store lands.");
}
