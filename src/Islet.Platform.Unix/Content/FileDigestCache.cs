using System.Collections.Concurrent;
using Islet.Devices;

namespace Islet.Platform.Unix.Content;

/// <summary>
/// SHA-256 digests of files, remembered per key together with the file's size and
/// modification time when it was read; a digest is reused while both are unchanged.
/// </summary>
internal sealed class FileDigestCache
{
    private readonly record struct Entry(long Size, long LastWriteTicks, Sha256Digest Digest);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached digest for <paramref name="key"/> if the file still has this size and time.</summary>
    public bool TryGet(string key, long size, DateTime lastWriteUtc, out Sha256Digest digest)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Size == size && entry.LastWriteTicks == lastWriteUtc.Ticks)
        {
            digest = entry.Digest;
            return true;
        }
        digest = default;
        return false;
    }

    /// <summary>
    /// Remembers the digest of bytes read from a file whose size and time were
    /// <paramref name="size"/> and <paramref name="lastWriteUtc"/> just before the read (so a
    /// change during the read shows up as a different time next call).
    /// </summary>
    public void Set(string key, long size, DateTime lastWriteUtc, Sha256Digest digest) =>
        _entries[key] = new Entry(size, lastWriteUtc.Ticks, digest);
}
