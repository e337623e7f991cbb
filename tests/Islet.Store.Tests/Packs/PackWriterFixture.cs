namespace Islet.Store.Tests.Packs;

/// <summary>One repository with 100 commits, shared by the pack writer's interop tests (which only read it).</summary>
public sealed class PackWriterFixture
{
    private readonly Lazy<GitRepository> _repository = new(() => GitRepository.WithHistory(100));

    /// <summary>The repository, built on first use so skipped tests cost nothing.</summary>
    internal GitRepository Repository => _repository.Value;
}
