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
    private volatile PackDirectory _packs;
    private DateTime _packDirectoryStamp;
    private volatile bool _stampIsRacy = true;

    /// <summary>The objects of the repository whose git directory (the <c>.git</c> folder, or a bare repository) is <paramref name="gitDirectory"/>.</summary>
    /// <exception cref="GitPackException">A pack or its index in the repository is damaged.</exception>
    public GitObjectDatabase(string gitDirectory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        ArgumentNullException.ThrowIfNull(gitDirectory);
        _loose = new LooseObjectStore(gitDirectory, algorithm);
        _packDirectory = Path.Combine(gitDirectory, "objects", "pack");
        Algorithm = algorithm;
        _packs = PackDirectory.Open(_packDirectory, algorithm);
        Refresh();
    }

    /// <summary>The repository's object format.</summary>
    public GitHashAlgorithm Algorithm { get; }

    /// <summary>The packs open now.</summary>
    public IReadOnlyList<PackFile> Packs => _packs.Packs;

    /// <summary>Reopens the pack directory when its set of packs changed (after a repack), keeping the packs already open.</summary>
    /// <exception cref="GitPackException">A pack or its index is damaged.</exception>
    public void Refresh()
    {
        // The stamp is taken before listing: a pack added during the listing changes it again.
        DateTime stamp = PackDirectoryStamp();
        _packs = _packs.Refresh(_packDirectory, Algorithm);
        _packDirectoryStamp = stamp;
        // On a file system with whole-second times, a pack added later in the same second would
        // leave the stamp unchanged, so a stamp that recent cannot be trusted (git's "racy" rule).
        _stampIsRacy = stamp.Ticks % TimeSpan.TicksPerSecond == 0 && DateTime.UtcNow - stamp < TimeSpan.FromSeconds(2);
    }

    /// <summary>
    /// Whether the object is stored, packed or loose. Packs are looked at first (most objects of a
    /// real repository are packed, and a pack lookup needs no system call); on a miss of both the
    /// pack list is refreshed and the packs asked again (as git re-prepares its packs), so a
    /// concurrent repack, which writes the new pack before it deletes the loose file, is never
    /// reported as a loss.
    /// </summary>
    public bool Contains(GitObjectId id) => _packs.Contains(id) || _loose.Contains(id) || RefreshedPacks().Contains(id);

    /// <summary>Reads an object's type and contents; false when it is stored nowhere (after one refresh of the packs, as <see cref="Contains"/>).</summary>
    /// <exception cref="GitFormatException">A loose object is corrupt.</exception>
    /// <exception cref="GitPackException">A pack holding it is corrupt.</exception>
    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content) =>
        _packs.TryRead(id, out type, out content) || _loose.TryRead(id, out type, out content)
        || RefreshedPacks().TryRead(id, out type, out content);

    /// <inheritdoc/>
    public bool TryReadStoredEntry(GitObjectId id, out GitObjectType type, out long size, out byte[] deflated) =>
        _packs.TryReadWholeEntry(id, out type, out size, out deflated);

    /// <summary>
    /// The packs after a miss: listed again only when the pack directory changed since the last
    /// listing (a rename in or out of it changes its modification time), so a miss, which every
    /// new object's write begins with, costs one stat and not a directory listing.
    /// </summary>
    private PackDirectory RefreshedPacks()
    {
        if (_stampIsRacy || PackDirectoryStamp() != _packDirectoryStamp)
            Refresh();
        return _packs;
    }

    private DateTime PackDirectoryStamp() => Directory.GetLastWriteTimeUtc(_packDirectory);

    /// <summary>Reads and parses an object; null when it is stored nowhere.</summary>
    /// <exception cref="GitFormatException">The object is corrupt or does not parse.</exception>
    /// <exception cref="GitPackException">A pack holding it is corrupt.</exception>
    public GitObject? TryReadObject(GitObjectId id) =>
        TryRead(id, out GitObjectType type, out byte[] content) ? GitObject.Parse(type, content, Algorithm) : null;

    /// <summary>Stores an object as a loose object (nothing is written when it is already stored) and returns its id.</summary>
    public GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, Algorithm);
        if (!Contains(id))
            return _loose.Write(type, content);
        Freshen(id);
        return id;
    }

    /// <summary>Sets the time of the loose file or pack holding an existing object to now, so a garbage collection's grace period counts from this reuse (git's freshen_object).</summary>
    private void Freshen(GitObjectId id)
    {
        try
        {
            string? path = _loose.PathOf(id);
            if (!File.Exists(path))
                path = _packs.PackPathOf(id);
            if (path is not null)
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort, as in git: a read-only repository still answers writes of existing objects.
        }
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
        if (!Contains(id))
            return _loose.Write(gitObject);
        Freshen(id);
        return id;
    }
}
