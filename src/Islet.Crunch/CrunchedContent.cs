using Islet.Content;

namespace Islet.Crunch;

/// <summary>
/// A content folder reduced to what is baked into an application: one blob holding every
/// value (and its gzip variant, when it has one) and the table that indexes it. Feed it to
/// <see cref="BakedContentWriter"/> to generate source, or to
/// <see cref="BakedKeyValueStore(ReadOnlyMemory{byte}, ReadOnlySpan{BakedEntry})"/> to get the
/// same store in memory.
/// </summary>
/// <param name="Blob">
/// The bytes, in key order; identical files share one copy. Every value starts at a multiple
/// of <see cref="Alignment"/> and the length is one too (zero padding).
/// </param>
/// <param name="Entries">One row per file, in ordinal key order.</param>
public sealed record CrunchedContent(byte[] Blob, IReadOnlyList<BakedEntry> Entries)
{
    /// <summary>Values start on, and the blob ends at, a multiple of this many bytes (one 64-bit word).</summary>
    public const int Alignment = sizeof(ulong);
}
