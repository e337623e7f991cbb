namespace Islet.Store.Tests.Packs;

/// <summary>One repository with 200 commits, shared by the interop tests (each clones it).</summary>
public sealed class GitRepositoryFixture
{
    private readonly Lazy<string> _path = new(() => GitRepository.WithHistory(200).Path);

    /// <summary>The repository's path; built on first use so skipped tests cost nothing.</summary>
    public string Path => _path.Value;
}
