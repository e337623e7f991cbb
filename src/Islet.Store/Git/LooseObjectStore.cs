using Islet.Store.Git.Internal;

namespace Islet.Store.Git;

/// <summary>
/// The loose objects of a repository: one file per object at <c>objects/XX/YYYY...</c> under the
/// <c>.git</c> directory (XX the first two hex digits of the id), holding zlib-compressed
/// <c>TYPE SIZE\0CONTENT</c>. Reads check the header and that the content hashes to the file's
/// name; writes go to a temporary file in the same directory, are flushed to disk, then renamed
/// into place, and never replace an existing object.
/// </summary>
public sealed class LooseObjectStore
{
    private readonly string _objects;

    /// <summary>A store over <paramref name="gitDirectory"/> (the <c>.git</c> directory, or a bare repository) whose ids are of <paramref name="algorithm"/>.</summary>
    public LooseObjectStore(string gitDirectory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        ArgumentNullException.ThrowIfNull(gitDirectory);
        _objects = Path.Combine(gitDirectory, "objects");
        Algorithm = algorithm;
    }

    /// <summary>The hash of the repository's ids.</summary>
    public GitHashAlgorithm Algorithm { get; }

    /// <summary>The path of the file that holds (or would hold) <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not an id of this store's <see cref="Algorithm"/> (this applies to every method taking an id).</exception>
    public string PathOf(GitObjectId id)
    {
        if (id.Bytes.Length != GitObjectId.LengthOf(Algorithm))
            throw new ArgumentException($"The id is {id.Bytes.Length} bytes; this store's ids are {GitObjectId.LengthOf(Algorithm)}.", nameof(id));
        string hex = id.ToString();
        return Path.Combine(_objects, hex[..2], hex[2..]);
    }

    /// <summary>True when a loose file for <paramref name="id"/> exists (its contents are not checked).</summary>
    public bool Contains(GitObjectId id) => File.Exists(PathOf(id));

    /// <summary>Reads the object <paramref name="id"/>; false when there is no loose file for it.</summary>
    /// <exception cref="GitFormatException">The file is corrupt: not zlib, truncated, a bad header or size, or content that hashes to another id.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(PathOf(id));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            type = default;
            content = [];
            return false;
        }
        (type, content) = LooseObjectCodec.Decode(file, id);
        return true;
    }

    /// <summary>Reads and parses the object <paramref name="id"/>; null when there is no loose file for it.</summary>
    /// <exception cref="GitFormatException">The file is corrupt or the object is malformed.</exception>
    public GitObject? TryReadObject(GitObjectId id) =>
        TryRead(id, out GitObjectType type, out byte[] content) ? GitObject.Parse(type, content, Algorithm) : null;

    /// <summary>
    /// Stores an object of <paramref name="type"/> with <paramref name="content"/> and returns its id.
    /// When the object already exists nothing is written. The file is made read-only, as Git makes it.
    /// </summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, Algorithm);
        string path = PathOf(id);
        if (File.Exists(path))
            return id;
        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $"tmp_obj_{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(LooseObjectCodec.Encode(type, content));
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer stored the same object first; its bytes name the same content.
            }
        }
        finally
        {
            File.Delete(temp);
        }
        return id;
    }

    /// <summary>Stores <paramref name="gitObject"/> and returns its id.</summary>
    public GitObjectId Write(GitObject gitObject)
    {
        ArgumentNullException.ThrowIfNull(gitObject);
        return Write(gitObject.Type, gitObject.ToBytes());
    }

    /// <summary>Every loose object's id (files named by 38 or 62 hex digits under a two-digit directory); temporary files are skipped.</summary>
    public IEnumerable<GitObjectId> EnumerateIds()
    {
        string objects = _objects;
        if (!Directory.Exists(objects))
            yield break;
        int hexLength = GitObjectId.LengthOf(Algorithm) * 2;
        foreach (string directory in Directory.EnumerateDirectories(objects))
        {
            string prefix = Path.GetFileName(directory);
            if (prefix.Length != 2 || !Uri.IsHexDigit(prefix[0]) || !Uri.IsHexDigit(prefix[1]))
                continue;
            foreach (string file in Directory.EnumerateFiles(directory))
            {
                string rest = Path.GetFileName(file);
                if (rest.Length == hexLength - 2 && GitObjectId.TryParse(prefix + rest, out GitObjectId id) && id.Bytes.Length == GitObjectId.LengthOf(Algorithm))
                    yield return id;
            }
        }
    }
}
