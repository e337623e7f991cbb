using System.Text;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Persistence;

/// <summary>
/// Keeps a zone as a master file (written by <see cref="ZoneFileWriter"/>) on a POSIX file
/// system, for the unix target. A save writes <c>path.tmp</c>, flushes it to disk (fsync), then
/// renames it over <paramref name="path"/>: rename(2) replaces the name atomically, so a reader or
/// a crash sees the old file or the new one. The directory itself is not fsynced (.NET offers no
/// call for it without native interop), so after a power loss the rename may be lost and the old
/// version loaded: atomic, but durable only once the file system commits the directory.
/// </summary>
/// <param name="path">The zone file's path; its directory must exist.</param>
public sealed class ZoneFilePersistence(string path) : IZonePersistence
{
    /// <summary>The zone file's path.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <inheritdoc/>
    public async ValueTask SaveAsync(DnsZone zone, ZoneDiff? diff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        byte[] text = Encoding.UTF8.GetBytes(ZoneFileWriter.Write(zone));
        string temporary = Path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(text, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
    }

    /// <inheritdoc/>
    public async ValueTask<DnsZone?> LoadAsync(DnsName origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!File.Exists(Path))
            return null;
        string text = await File.ReadAllTextAsync(Path, Encoding.UTF8, cancellationToken);
        return DnsZone.Load(text, origin);
    }
}
