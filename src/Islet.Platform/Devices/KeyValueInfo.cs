namespace Islet.Devices;

/// <summary>What a store knows about one value without reading it.</summary>
/// <param name="Key">The key, as the store spells it (a string the store owns; no allocation to return it).</param>
/// <param name="Size">Length in bytes of the identity (uncompressed) value.</param>
/// <param name="Digest">SHA-256 of the identity value: a strong validator for ETags.</param>
/// <param name="LastModified">When the value last changed, to the second.</param>
/// <param name="MediaType">The media type (with charset for text), e.g. <c>text/html; charset=utf-8</c>.</param>
/// <param name="GzipSize">Length of a stored gzip variant, or -1 when there is none.</param>
public readonly record struct KeyValueInfo(
    string Key,
    long Size,
    Sha256Digest Digest,
    DateTimeOffset LastModified,
    string MediaType,
    long GzipSize);
