using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>A <c>.git</c> directory (bare or not) as an <see cref="IStoreBackend"/>: GitObjectDatabase and RefStore over it.</summary>
internal sealed class DirectoryBackend(string gitDirectory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) : IStoreBackend
{
    public GitObjectDatabase Database { get; } = new(gitDirectory, algorithm);

    public RefStore RefStore { get; } = new(gitDirectory, algorithm);

    public string GitDirectory { get; } = gitDirectory;

    public IObjectStore Objects => Database;

    public IRefStore Refs => RefStore;

    public void Dispose() { }
}
