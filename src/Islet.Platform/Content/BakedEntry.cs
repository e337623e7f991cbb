using Islet.Devices;

namespace Islet.Content;

/// <summary>
/// One row of a baked content table, as generated at build time by <c>Islet.Crunch</c>:
/// where a value's bytes (and its optional gzip variant) lie in the table's blob, and its
/// metadata.
/// </summary>
/// <param name="Key">The key (<see cref="KeyValuePath.IsValid"/>), e.g. <c>css/site.css</c>.</param>
/// <param name="Offset">Start of the identity bytes in the blob.</param>
/// <param name="Length">Length of the identity bytes.</param>
/// <param name="GzipOffset">Start of the gzip variant in the blob, or -1 when there is none.</param>
/// <param name="GzipLength">Length of the gzip variant, or -1 when there is none.</param>
/// <param name="Digest">SHA-256 of the identity bytes.</param>
/// <param name="LastModifiedUnixSeconds">When the value last changed, in seconds since 1970-01-01 UTC.</param>
/// <param name="MediaType">The media type (<see cref="MediaTypes"/>).</param>
public readonly record struct BakedEntry(
    string Key,
    int Offset,
    int Length,
    int GzipOffset,
    int GzipLength,
    Sha256Digest Digest,
    long LastModifiedUnixSeconds,
    string MediaType)
{
    /// <summary>True when the entry has a stored gzip variant.</summary>
    public bool HasGzip => GzipLength >= 0;
}
