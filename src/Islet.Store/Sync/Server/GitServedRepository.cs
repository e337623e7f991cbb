using Islet.Store.Backends;

namespace Islet.Store.Sync.Server;

/// <summary>One repository a <see cref="GitHttpHandler"/> serves: its name in URLs, its backend, its policy and its counters.</summary>
public sealed class GitServedRepository
{
    internal GitServedRepository(string name, IStoreBackend backend, GitRepositoryPolicy policy)
    {
        Name = name;
        Backend = backend;
        Policy = policy;
    }

    /// <summary>The name in <c>http://HOST/NAME</c>.</summary>
    public string Name { get; }

    /// <summary>Where the objects and refs live. The server uses it only on the event loop.</summary>
    public IStoreBackend Backend { get; }

    /// <summary>What clients may do.</summary>
    public GitRepositoryPolicy Policy { get; }

    /// <summary>What the server has done for it.</summary>
    public GitServerStatistics Statistics { get; } = new();
}
