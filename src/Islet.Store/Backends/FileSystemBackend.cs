using System.Text;
using Islet.Store.Backends.Internal;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Backends;

/// <summary>
/// A store in a Git directory on the file system, laid out exactly as git lays it out, so git's
/// own tools read and write the same repository: objects through <see cref="GitObjectDatabase"/>,
/// refs through <see cref="RefStore"/> (compare-and-swap under lock files, safe across processes).
/// </summary>
public sealed class FileSystemBackend : IStoreBackend
{
    private FileSystemBackend(string gitDirectory, GitHashAlgorithm algorithm)
    {
        GitDirectory = gitDirectory;
        Algorithm = algorithm;
        Database = new GitObjectDatabase(gitDirectory, algorithm);
        RefStore = new RefStore(gitDirectory, algorithm);
    }

    /// <summary>The git directory (a bare repository, or the <c>.git</c> folder).</summary>
    public string GitDirectory { get; }

    /// <summary>The repository's object format.</summary>
    public GitHashAlgorithm Algorithm { get; }

    /// <summary>The objects, with the file-system-specific members (packs, refresh).</summary>
    public GitObjectDatabase Database { get; }

    /// <summary>The refs, with the file-system-specific members.</summary>
    public RefStore RefStore { get; }

    /// <inheritdoc/>
    public IObjectStore Objects => Database;

    /// <inheritdoc/>
    public IRefStore Refs => RefStore;

    /// <summary>
    /// Makes a new repository at <paramref name="path"/> (created if missing; it must not already
    /// hold a repository) and opens it: bare, the directory itself is the git directory; otherwise
    /// <c>PATH/.git</c>. <c>HEAD</c> is a symbolic ref to <c>refs/heads/main</c>; the config has
    /// <c>core.repositoryformatversion</c> (1 with <c>extensions.objectformat = sha256</c> for SHA-256).
    /// </summary>
    /// <exception cref="StoreException"><see cref="StoreError.UnsupportedRepository"/> when a repository is already there.</exception>
    public static FileSystemBackend Init(string path, bool bare = true, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        ArgumentNullException.ThrowIfNull(path);
        string gitDirectory = Path.GetFullPath(bare ? path : Path.Combine(path, ".git"));
        if (File.Exists(Path.Combine(gitDirectory, "HEAD")))
            throw new StoreException(StoreError.UnsupportedRepository, $"'{gitDirectory}' already holds a repository.");
        foreach (string directory in new[] { "objects/info", "objects/pack", "refs/heads", "refs/tags" })
            Directory.CreateDirectory(Path.Combine(gitDirectory, directory));
        File.WriteAllText(Path.Combine(gitDirectory, "config"), RepositoryConfig.Format(algorithm, bare), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(gitDirectory, "description"), "Islet store\n");
        var backend = new FileSystemBackend(gitDirectory, algorithm);
        backend.RefStore.SetSymbolic("HEAD", "refs/heads/main");
        return backend;
    }

    /// <summary>
    /// Opens the repository at <paramref name="path"/>: a bare repository, or a work tree with a
    /// <c>.git</c> directory. The object format is read from the config.
    /// </summary>
    /// <exception cref="StoreException"><see cref="StoreError.UnsupportedRepository"/>: no repository there, a
    /// format version above 1, an extension this store does not know, or an unknown object format.</exception>
    public static FileSystemBackend Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string gitDirectory = Directory.Exists(Path.Combine(full, ".git")) ? Path.Combine(full, ".git") : full;
        string configPath = Path.Combine(gitDirectory, "config");
        if (!File.Exists(Path.Combine(gitDirectory, "HEAD")) || !Directory.Exists(Path.Combine(gitDirectory, "objects")))
            throw new StoreException(StoreError.UnsupportedRepository, $"'{full}' is not a git repository (no HEAD or objects/).");
        string config = File.Exists(configPath) ? File.ReadAllText(configPath) : "";
        return new FileSystemBackend(gitDirectory, RepositoryConfig.ObjectFormat(config, configPath));
    }

    /// <summary>Nothing is held open between calls; present for the <see cref="IStoreBackend"/> contract.</summary>
    public void Dispose()
    {
    }
}
