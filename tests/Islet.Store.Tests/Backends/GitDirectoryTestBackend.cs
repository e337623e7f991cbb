using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Backends;

/// <summary>A .git directory as an <see cref="IStoreBackend"/> for the contract tests.</summary>
internal sealed class GitDirectoryTestBackend : IStoreBackend
{
    public GitDirectoryTestBackend()
    {
        string gitDirectory = ExternalTool.TempDirectory("islet-contract-git-");
        Objects = new GitObjectDatabase(gitDirectory);
        Refs = new RefStore(gitDirectory);
    }

    public IObjectStore Objects { get; }

    public IRefStore Refs { get; }

    public void Dispose()
    {
    }
}
