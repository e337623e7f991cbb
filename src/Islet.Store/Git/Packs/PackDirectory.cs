namespace Islet.Store.Git.Packs;

/// <summary>
/// Every pack in a directory (a repository's <c>objects/pack/</c>): each <c>pack-*.idx</c> with its
/// <c>.pack</c>, searched in turn. A REF_DELTA whose base is in another pack is refused, as in a
/// repository every stored pack is self-contained.
/// </summary>
public sealed class PackDirectory
{
    private readonly PackFile[] _packs;

    private PackDirectory(PackFile[] packs) => _packs = packs;

    /// <summary>The packs found, in file-name order.</summary>
    public IReadOnlyList<PackFile> Packs => _packs;

    /// <summary>Opens every index and pack in <paramref name="directory"/>; none when the directory does not exist.</summary>
    /// <exception cref="GitPackException">A pack or index is malformed.</exception>
    /// <exception cref="IOException">A file cannot be read, or an index has no pack.</exception>
    public static PackDirectory Open(string directory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        if (!Directory.Exists(directory))
            return new PackDirectory([]);
        string[] indexes = Directory.GetFiles(directory, "*.idx");
        Array.Sort(indexes, StringComparer.Ordinal);
        return new PackDirectory(indexes.Select(i => PackFile.Open(Path.ChangeExtension(i, ".pack"), i, algorithm)).ToArray());
    }

    /// <summary>Whether any pack holds <paramref name="id"/>.</summary>
    public bool Contains(GitObjectId id) => _packs.Any(p => p.Contains(id));

    /// <summary>Reads <paramref name="id"/> from the first pack that holds it; see <see cref="PackFile.TryRead"/>.</summary>
    /// <exception cref="GitPackException">The pack holding it is corrupt.</exception>
    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content)
    {
        foreach (PackFile pack in _packs)
        {
            if (pack.TryRead(id, out type, out content))
                return true;
        }
        type = default;
        content = [];
        return false;
    }

    /// <summary>Every id in every pack (an id in two packs appears twice).</summary>
    public IEnumerable<GitObjectId> Ids => _packs.SelectMany(p => p.Ids);
}
