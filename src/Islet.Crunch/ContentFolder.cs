using Islet.Content;
using Islet.Devices;

namespace Islet.Crunch;

/// <summary>
/// Reads a content folder: which files it holds and under which keys, and the baked form of
/// all of them (<see cref="Crunch"/>).
/// </summary>
/// <remarks>
/// Files and directories whose names start with <c>.</c> are skipped (<c>.git</c>,
/// <c>.DS_Store</c>). Symbolic links are followed; a directory link that leads back to one
/// of its own ancestors is an error. Keys are the relative paths with <c>/</c> separators
/// and must pass <see cref="KeyValuePath.IsValid"/>.
/// </remarks>
public static class ContentFolder
{
    /// <summary>
    /// Every file under <paramref name="folder"/>, in ordinal key order.
    /// </summary>
    /// <exception cref="ContentFolderException">A name is not a valid key, or a directory link forms a cycle.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<ContentFile> Enumerate(string folder)
    {
        var root = new DirectoryInfo(folder);
        if (!root.Exists) throw new DirectoryNotFoundException($"The content folder '{folder}' does not exist.");
        var files = new List<ContentFile>();
        var ancestors = new HashSet<string>(StringComparer.Ordinal) { RealPath(root) };
        Walk(root, prefix: "", ancestors, files);
        files.Sort(static (x, y) => string.CompareOrdinal(x.Key, y.Key));
        return files;
    }

    private static void Walk(DirectoryInfo directory, string prefix, HashSet<string> ancestors, List<ContentFile> files)
    {
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            if (info.Name.StartsWith('.')) continue;
            var key = prefix + info.Name;
            if (info is DirectoryInfo child)
            {
                var real = RealPath(child);
                if (!ancestors.Add(real))
                    throw new ContentFolderException(child.FullName, $"'{key}' is a directory link that leads back to '{real}'.");
                Walk(child, key + "/", ancestors, files);
                ancestors.Remove(real);
            }
            else
            {
                if (!KeyValuePath.IsValid(key))
                    throw new ContentFolderException(info.FullName, $"'{key}' is not a valid content key (a relative path without backslashes, NUL, or empty, '.' or '..' segments).");
                // A link's own time says nothing about its target's content: use the target's.
                var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
                if (!target.Exists) throw new ContentFolderException(info.FullName, $"'{key}' is a broken link.");
                files.Add(new ContentFile(key, info.FullName, target.LastWriteTimeUtc));
            }
        }
    }

    private static string RealPath(DirectoryInfo directory) =>
        Path.TrimEndingDirectorySeparator(
            (directory.LinkTarget is null ? directory : directory.ResolveLinkTarget(returnFinalTarget: true) ?? directory).FullName);

    /// <summary>The newest modification time of <paramref name="files"/>, in whole Unix seconds; 0 for none.</summary>
    public static long NewestModification(IReadOnlyList<ContentFile> files)
    {
        long newest = 0;
        foreach (var file in files)
            newest = Math.Max(newest, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero).ToUnixTimeSeconds());
        return newest;
    }

    /// <summary>
    /// Bakes <paramref name="folder"/>: reads every file, digests it with SHA-256, and adds a
    /// gzip variant (<see cref="DeterministicGzip"/>) for compressible media types
    /// (<see cref="MediaTypes.IsCompressible"/>) when it is smaller than the file. Every entry
    /// gets the same modification time: <paramref name="lastModifiedUnixSeconds"/> when given
    /// (the build's <c>SOURCE_DATE_EPOCH</c>), else the newest file's. The result depends only
    /// on the files' names and bytes and that time.
    /// </summary>
    /// <exception cref="ContentFolderException">See <see cref="Enumerate"/>; also a file cannot be read, or the content exceeds 2 GiB.</exception>
    public static CrunchedContent Crunch(string folder, long? lastModifiedUnixSeconds = null)
    {
        var files = Enumerate(folder);
        var lastModified = lastModifiedUnixSeconds ?? NewestModification(files);
        var blob = new MemoryStream();
        var entries = new List<BakedEntry>(files.Count);
        var stored = new Dictionary<Sha256Digest, (int Offset, int Length, int GzipOffset, int GzipLength)>();
        foreach (var file in files)
        {
            var data = Read(file);
            var digest = Sha256Digest.Compute(data);
            var mediaType = MediaTypes.FromPath(file.Key);
            if (!stored.TryGetValue(digest, out var place))
            {
                place = (Append(blob, data, file), data.Length, -1, -1);
                if (data.Length > 0 && MediaTypes.IsCompressible(mediaType))
                {
                    var gzip = DeterministicGzip.Compress(data);
                    if (gzip.Length < data.Length) place = place with { GzipOffset = Append(blob, gzip, file), GzipLength = gzip.Length };
                }
                // Identical bytes under a compressible and an incompressible name: the first
                // file's choice of gzip variant wins; both are correct encodings of the value.
                stored.Add(digest, place);
            }
            entries.Add(new BakedEntry(file.Key, place.Offset, place.Length, place.GzipOffset, place.GzipLength, digest, lastModified, mediaType));
        }
        Pad(blob);
        return new CrunchedContent(blob.ToArray(), entries);
    }

    private static byte[] Read(ContentFile file)
    {
        try
        {
            return File.ReadAllBytes(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContentFolderException(file.FullPath, $"'{file.Key}' cannot be read: {e.Message}", e);
        }
    }

    // Each value starts on an 8-byte boundary, and the blob is whole 64-bit words: the
    // generated code holds it as ulong literals (see BakedContentWriter).
    private static void Pad(MemoryStream blob)
    {
        while (blob.Length % CrunchedContent.Alignment != 0) blob.WriteByte(0);
    }

    private static int Append(MemoryStream blob, byte[] bytes, ContentFile file)
    {
        Pad(blob);
        if (blob.Length + bytes.Length + CrunchedContent.Alignment > Array.MaxLength)
            throw new ContentFolderException(file.FullPath, $"the content is larger than {Array.MaxLength} bytes at '{file.Key}'.");
        var offset = (int)blob.Length;
        blob.Write(bytes);
        return offset;
    }
}
