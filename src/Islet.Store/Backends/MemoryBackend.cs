using Islet.Store.Backends.Internal;
using Islet.Store.Git;

namespace Islet.Store.Backends;

/// <summary>
/// A store kept entirely in memory: objects in a dictionary (and imported packs parsed in place),
/// refs in a sorted map with compare-and-swap. Thread-safe. <c>HEAD</c> starts as a symbolic ref
/// to <c>refs/heads/main</c>, as in a fresh repository. Everything is lost on dispose.
/// </summary>
public sealed class MemoryBackend : IStoreBackend
{
    /// <summary>An empty store whose objects are named with <paramref name="algorithm"/>.</summary>
    public MemoryBackend(GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        Objects = new MemoryObjectStore(algorithm);
        var refs = new MemoryRefStore(algorithm);
        refs.SetSymbolic("HEAD", "refs/heads/main");
        Refs = refs;
    }

    /// <inheritdoc/>
    public IObjectStore Objects { get; }

    /// <inheritdoc/>
    public IRefStore Refs { get; }

    /// <summary>Nothing to release: the data goes with the object.</summary>
    public void Dispose()
    {
    }
}
