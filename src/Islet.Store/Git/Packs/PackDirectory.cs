namespace Islet.Store.Git.Packs;

/// <summary>
/// Every pack in a directory (a repository's <c>objects/pack/</c>): each <c>pack-*.idx</c> with its
/// <c>.pack</c>, searched in turn. A REF_DELTA whose base is in another pack is refused, as in a
/// repository every stored pack is self-contained.
/// </summary>
public sealed class PackDirectory
{
    private readonly PackFile[] _packs;
    private readonly string[] _indexPaths;

    private PackDirectory(PackFile[] packs, string[] indexPaths)
    {
        _packs = packs;
        _indexPaths = indexPaths;
    }

    /// <summary>The packs found, in file-name order.</summary>
    public IReadOnlyList<PackFile> Packs => _packs;

    /// <summary>Opens every index and pack in <paramref name="directory"/>; none when the directory does not exist.</summary>
    /// <exception cref="GitPackException">A pack or index is malformed.</exception>
    /// <exception cref="IOException">A file cannot be read, or an index has no pack.</exception>
    public static PackDirectory Open(string directory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) =>
        new PackDirectory([], []).Refresh(directory, algorithm);

    /// <summary>
    /// The packs in <paramref name="directory"/> now: this instance when the set of indexes is
    /// unchanged, otherwise a new one that reuses the packs already open. A pack removed while it is
    /// being opened (by a concurrent repack, which removes the index first) is skipped.
    /// </summary>
    /// <exception cref="GitPackException">A pack or index is malformed.</exception>
    public PackDirectory Refresh(string directory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        string[] indexes = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.idx") : [];
        Array.Sort(indexes, StringComparer.Ordinal);
        if (indexes.AsSpan().SequenceEqual(_indexPaths))
            return this;
        var packs = new List<PackFile>();
        var paths = new List<string>();
        foreach (string index in indexes)
        {
            int known = Array.IndexOf(_indexPaths, index);
            try
            {
                packs.Add(known >= 0 ? _packs[known] : PackFile.Open(Path.ChangeExtension(index, ".pack"), index, algorithm));
                paths.Add(index);
            }
            catch (Exception e) when ((e is FileNotFoundException || e is DirectoryNotFoundException) && !File.Exists(index))
            {
                // Removed by a repack between the listing and the open: its objects are in the newer pack.
            }
        }
        return new PackDirectory([.. packs], [.. paths]);
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

    /// <summary>The zlib stream of <paramref name="id"/> from the first pack holding it, when that pack holds it whole.</summary>
    public bool TryReadWholeEntry(GitObjectId id, out GitObjectType type, out long size, out byte[] deflated)
    {
        foreach (PackFile pack in _packs)
        {
            if (pack.Contains(id))
                return pack.TryReadWholeEntry(id, out type, out size, out deflated);
        }
        type = default;
        size = 0;
        deflated = [];
        return false;
    }

    /// <summary>The path of the first pack file holding <paramref name="id"/>, or null.</summary>
    public string? PackPathOf(GitObjectId id)
    {
        for (int i = 0; i < _packs.Length; i++)
        {
            if (_packs[i].Contains(id))
                return Path.ChangeExtension(_indexPaths[i], ".pack");
        }
        return null;
    }

    /// <summary>Every id in every pack (an id in two packs appears twice).</summary>
    public IEnumerable<GitObjectId> Ids => _packs.SelectMany(p => p.Ids);
}
