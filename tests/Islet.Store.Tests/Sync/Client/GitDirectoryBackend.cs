using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>A .git directory (bare or not) as an <see cref="IStoreBackend"/> for the sync tests.</summary>
internal sealed class GitDirectoryBackend(string gitDirectory) : IStoreBackend
{
    public IObjectStore Objects { get; } = new GitObjectDatabase(gitDirectory);

    public IRefStore Refs { get; } = new RefStore(gitDirectory);

    public string GitDirectory { get; } = gitDirectory;

    /// <summary>Every ref and every object id: equal before and after means the store is unchanged.</summary>
    public (string Refs, int Objects) Snapshot() =>
        (string.Join('\n', Refs.List().Select(r => $"{r.Name} {r.Value}")) + $"\nHEAD {Refs.Read("HEAD")}",
         Objects.EnumerateIds().Distinct().Count());

    public void Dispose() { }
}
