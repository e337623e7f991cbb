using Islet.Store.Git.Packs;

namespace Islet.Store.Git;

/// <summary>
/// All the objects of a repository, as Git keeps them: loose objects under <c>objects/xx/</c> and
/// packs under <c>objects/pack/</c>. Reads look at loose objects first, then every pack; writes
/// add loose objects. After someone repacks (git gc), <see cref="Refresh"/> reopens the packs.
/// </summary>
public sealed class GitObjectDatabase : Backends.IObjectStore
{
    private readonly LooseObjectStore _loose;
    private readonly string _packDirectory;
    private PackDirectory _packs;

    /// <summary>The objects of the repository whose git directory (the <c>.git</c> folder, or a bare repository) is <paramref name="gitDirectory"/>.</summary>
    /// <exception cref="GitPackException">A pack or its index in the repository is damaged.</exception>
    public GitObjectDatabase(string gitDirectory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        ArgumentNullException.ThrowIfNull(gitDirectory);
        _loose = new LooseObjectStore(gitDirectory, algorithm);
        _packDirectory = Path.Combine(gitDirectory, "objects", "pack");
        _packs = PackDirectory.Open(_packDirectory, algorithm);
        Algorithm = algorithm;
    }

    /// <summary>The repository's object format.</summary>
    public GitHashAlgorithm Algorithm { get; }

    /// <summary>The packs open now.</summary>
    public IReadOnlyList<PackFile> Packs => _packs.Packs;

    /// <summary>Reopens the pack directory (after a repack added or removed packs).</summary>
    /// <exception cref="GitPackException">A pack or its index is damaged.</exception>
    public void Refresh() => _packs = PackDirectory.Open(_packDirectory, Algorithm);

    /// <summary>Whether the object is stored, loose or packed.</summary>
    public bool Contains(GitObjectId id) => _loose.Contains(id) || _packs.Contains(id);

    /// <summary>Reads an object's type and contents; false when it is stored nowhere.</summary>
    /// <exception cref="GitFormatException">A loose object is corrupt.</exception>
    /// <exception cref="GitPackException">A pack holding it is corrupt.</exception>
    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content) =>
        _loose.TryRead(id, out type, out content) || _packs.TryRead(id, out type, out content);

    /// <summary>Reads and parses an object; null when it is stored nowhere.</summary>
    /// <exception cref="GitFormatException">The object is corrupt or does not parse.</exception>
    /// <exception cref="GitPackException">A pack holding it is corrupt.</exception>
    public GitObject? TryReadObject(GitObjectId id) =>
        TryRead(id, out GitObjectType type, out byte[] content) ? GitObject.Parse(type, content, Algorithm) : null;

    /// <summary>Stores an object as a loose object (nothing is written when it is already stored) and returns its id.</summary>
    public GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, Algorithm);
        return Contains(id) ? id : _loose.Write(type, content);
    }

    /// <summary>Every id stored: loose ones, then each pack's.</summary>
    public IEnumerable<GitObjectId> EnumerateIds() => _loose.EnumerateIds().Concat(_packs.Ids);

    /// <summary>
    /// Starts importing a pack into <c>objects/pack/</c>: its bytes go to a temporary file there; on
    /// commit it becomes <c>pack-HEX.pack</c> then <c>pack-HEX.idx</c> (each fsynced) and the pack list is
    /// refreshed. Disposing without committing deletes the temporary file. See <see cref="PackIngester"/>.
    /// </summary>
    public Backends.IPackImport BeginPackImport() => new Packs.Internal.PackDirectoryImport(_packDirectory, Refresh);

    /// <summary>Stores an object as a loose object (nothing is written when it is already stored) and returns its id.</summary>
    public GitObjectId Write(GitObject gitObject)
    {
        ArgumentNullException.ThrowIfNull(gitObject);
        GitObjectId id = gitObject.ComputeId(Algorithm);
        return Contains(id) ? id : _loose.Write(gitObject);
    }
}
