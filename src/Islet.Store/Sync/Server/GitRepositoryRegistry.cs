using System.Diagnostics.CodeAnalysis;
using Islet.Store.Backends;

namespace Islet.Store.Sync.Server;

/// <summary>
/// The repositories a server offers, by name. Names are one URL path segment of letters, digits,
/// <c>. _ -</c> (not starting with <c>.</c>); a request for <c>NAME.git</c> finds <c>NAME</c>.
/// </summary>
/// <remarks>Add repositories before serving, or on the event loop; lookups happen on the loop.</remarks>
public sealed class GitRepositoryRegistry
{
    private readonly Dictionary<string, GitServedRepository> _repositories = new(StringComparer.Ordinal);

    /// <summary>Offers <paramref name="backend"/> as <paramref name="name"/>; the registry does not take ownership of it.</summary>
    /// <exception cref="ArgumentException">The name is not valid or is taken.</exception>
    public GitServedRepository Add(string name, IStoreBackend backend, GitRepositoryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(backend);
        if (!IsValidName(name) || name.EndsWith(".git", StringComparison.Ordinal))
            throw new ArgumentException($"'{name}' is not a valid repository name (letters, digits, '.', '_', '-', no leading '.', no '.git' suffix).", nameof(name));
        var repository = new GitServedRepository(name, backend, policy ?? GitRepositoryPolicy.Default);
        if (!_repositories.TryAdd(name, repository))
            throw new ArgumentException($"A repository named '{name}' is already served.", nameof(name));
        return repository;
    }

    /// <summary>Finds a repository by the name in a URL (with or without <c>.git</c>).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out GitServedRepository? repository)
    {
        repository = null;
        if (!IsValidName(name)) return false;
        return _repositories.TryGetValue(name, out repository) ||
            (name.EndsWith(".git", StringComparison.Ordinal) && _repositories.TryGetValue(name[..^4], out repository));
    }

    /// <summary>True for a name that is a safe single path segment.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 200 && name[0] != '.' && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-');
}
