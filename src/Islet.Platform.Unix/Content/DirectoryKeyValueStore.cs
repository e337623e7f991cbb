using Islet.Content;
using Islet.Devices;

namespace Islet.Platform.Unix.Content;

/// <summary>
/// An <see cref="IKeyValueStore"/> over a directory on disk, for the unix target during
/// development (<c>islet run -t unix --content site=DIR</c>): edit a file, reload the page.
/// It answers like the baked store would for the same folder.
/// </summary>
/// <remarks>
/// <para>Keys map to files under the root. A key that fails <see cref="KeyValuePath.IsValid"/>,
/// has a segment starting with <c>.</c> (hidden files are not content, as in the build-time
/// crunch), or whose canonical path (every symbolic link resolved) is not inside the root's
/// canonical path is not found: the store never reads outside its root.</para>
/// <para>Digests are computed on first access and cached per key while the file's size and
/// modification time stay the same. The gzip variant of <c>a.css</c> is a sibling
/// <c>a.css.gz</c> when one exists; nothing is compressed on the fly.</para>
/// <para>I/O is synchronous and every read loads the whole file into a new array (the
/// store's memory: never written again); this suits a development server with small files,
/// not production. Files larger than the configured maximum fail with
/// <see cref="KeyValueException"/>, as do read errors other than a file that has vanished.
/// The check of a path and its later open are not atomic: a tree being changed concurrently
/// by someone hostile is outside this store's threat model.</para>
/// </remarks>
public sealed class DirectoryKeyValueStore : IKeyValueStore
{
    /// <summary>The default largest file the store reads: 64 MiB.</summary>
    public const long DefaultMaxFileSize = 64L << 20;

    private const string GzipSuffix = ".gz";

    private readonly string _rootPrefix;   // canonical root with a trailing '/'
    private readonly long _maxFileSize;
    private readonly FileDigestCache _digests = new();

    /// <summary>Serves the files under <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public DirectoryKeyValueStore(string root, long maxFileSize = DefaultMaxFileSize)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFileSize);
        var canonical = RealPath.TryResolve(Path.GetFullPath(root));
        if (canonical is null || !Directory.Exists(canonical)) throw new DirectoryNotFoundException($"The content directory '{root}' does not exist.");
        Root = canonical;
        _rootPrefix = canonical.EndsWith('/') ? canonical : canonical + "/";
        _maxFileSize = maxFileSize;
    }

    /// <summary>The canonical path of the root directory.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public bool TryGetInfo(ReadOnlySpan<char> key, out KeyValueInfo info)
    {
        info = default;
        if (!IsContentKey(key)) return false;
        var keyString = key.ToString();
        if (!TryResolve(keyString, out var file)) return false;
        var size = file.Length;
        var lastWrite = file.LastWriteTimeUtc;
        if (!_digests.TryGet(keyString, size, lastWrite, out var digest))
        {
            var bytes = ReadAll(file, keyString);
            if (bytes is null) return false;
            digest = Sha256Digest.Compute(bytes);
            if (bytes.Length == size) _digests.Set(keyString, size, lastWrite, digest);
        }
        var gzipSize = TryResolve(keyString + GzipSuffix, out var gzip) ? gzip.Length : -1;
        info = new KeyValueInfo(keyString, size, digest, ToSeconds(lastWrite), MediaTypes.FromPath(keyString), gzipSize);
        return true;
    }

    /// <inheritdoc/>
    public bool Exists(ReadOnlySpan<char> key) => IsContentKey(key) && TryResolve(key.ToString(), out _);

    /// <inheritdoc/>
    /// <remarks>Walks the whole tree on every call; symbolic links that lead outside the root are left out.</remarks>
    public IEnumerable<string> List(string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var keys = new List<string>();
        var ancestors = new HashSet<string>(StringComparer.Ordinal) { Root };
        Walk(new DirectoryInfo(Root), "", ancestors, keys);
        keys.RemoveAll(key => !key.StartsWith(prefix, StringComparison.Ordinal));
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc/>
    /// <remarks>Reads synchronously and returns a completed task.</remarks>
    public ValueTask<KeyValueResult> GetAsync(string key, ContentEncoding encoding = ContentEncoding.Identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<KeyValueResult>(cancellationToken);
        return new ValueTask<KeyValueResult>(Get(key, encoding));
    }

    private KeyValueResult Get(string key, ContentEncoding encoding)
    {
        if (!IsContentKey(key) || !TryResolve(key, out var file)) return KeyValueResult.Failure(KeyValueError.NotFound);
        if (encoding == ContentEncoding.Gzip)
        {
            if (!TryResolve(key + GzipSuffix, out var gzip)) return KeyValueResult.Failure(KeyValueError.EncodingUnavailable);
            var compressed = ReadAll(gzip, key + GzipSuffix);
            return compressed is null ? KeyValueResult.Failure(KeyValueError.EncodingUnavailable) : KeyValueResult.Success(compressed);
        }
        if (encoding != ContentEncoding.Identity) return KeyValueResult.Failure(KeyValueError.EncodingUnavailable);
        var size = file.Length;
        var lastWrite = file.LastWriteTimeUtc;
        var bytes = ReadAll(file, key);
        if (bytes is null) return KeyValueResult.Failure(KeyValueError.NotFound);
        if (bytes.Length == size && !_digests.TryGet(key, size, lastWrite, out _))
            _digests.Set(key, size, lastWrite, Sha256Digest.Compute(bytes));
        return KeyValueResult.Success(bytes);
    }

    // Valid, and no hidden segment.
    private static bool IsContentKey(ReadOnlySpan<char> key) =>
        KeyValuePath.IsValid(key) && !key.StartsWith('.') && !key.Contains("/.", StringComparison.Ordinal);

    /// <summary>
    /// Maps a content key to a regular file whose canonical path lies inside the root.
    /// The key must already have passed <see cref="IsContentKey"/> (so it is relative and has
    /// no <c>..</c>); links are resolved by <c>realpath(3)</c> and the result checked.
    /// </summary>
    private bool TryResolve(string key, out FileInfo file)
    {
        file = null!;
        var canonical = RealPath.TryResolve(_rootPrefix + key);
        if (canonical is null || !canonical.StartsWith(_rootPrefix, StringComparison.Ordinal)) return false;
        file = new FileInfo(canonical);
        return file.Exists; // false for directories and anything that vanished
    }

    private byte[]? ReadAll(FileInfo file, string key)
    {
        if (file.Length > _maxFileSize)
            throw new KeyValueException($"'{key}' is {file.Length} bytes, more than this store reads ({_maxFileSize}).");
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // removed since it was resolved
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyValueException($"'{key}' cannot be read: {e.Message}", e);
        }
    }

    private void Walk(DirectoryInfo directory, string prefix, HashSet<string> ancestors, List<string> keys)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.')) continue;
            var key = prefix + entry.Name;
            if (entry is DirectoryInfo child)
            {
                var canonical = RealPath.TryResolve(child.FullName);
                if (canonical is null || !canonical.StartsWith(_rootPrefix, StringComparison.Ordinal) || !ancestors.Add(canonical)) continue;
                Walk(child, key + "/", ancestors, keys);
                ancestors.Remove(canonical);
            }
            else if (KeyValuePath.IsValid(key) && TryResolve(key, out _))
            {
                keys.Add(key);
            }
        }
    }

    private static DateTimeOffset ToSeconds(DateTime utc) =>
        DateTimeOffset.FromUnixTimeSeconds(new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds());
}
