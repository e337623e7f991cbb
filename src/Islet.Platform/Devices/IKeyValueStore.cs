namespace Islet.Devices;

/// <summary>
/// A read-only store of named byte values: a site's files, a zone, keys. On sealed targets
/// it is content baked into the image at build time; on the unix target it may also be a
/// directory.
/// </summary>
/// <remarks>
/// Keys are relative paths: UTF-16 text with <c>/</c> between segments, no leading slash,
/// no empty, <c>.</c> or <c>..</c> segments (<see cref="KeyValuePath.IsValid"/>). Lookups
/// with an invalid key simply find nothing.
/// Buffers: the memory returned by <see cref="GetAsync"/> belongs to the store, is never
/// written again, and stays valid for the store's lifetime.
/// Errors: a missing key is an ordinary answer (<c>false</c> or
/// <see cref="KeyValueError.NotFound"/>), never an exception; <see cref="KeyValueException"/>
/// reports an I/O failure of a backing medium.
/// </remarks>
public interface IKeyValueStore
{
    /// <summary>Finds a value's metadata. Allocation-free for baked stores.</summary>
    bool TryGetInfo(ReadOnlySpan<char> key, out KeyValueInfo info);

    /// <summary>True when <paramref name="key"/> names a value.</summary>
    bool Exists(ReadOnlySpan<char> key) => TryGetInfo(key, out _);

    /// <summary>Every key that starts with <paramref name="prefix"/>, in ordinal order.</summary>
    IEnumerable<string> List(string prefix = "");

    /// <summary>
    /// Reads a whole value in the requested encoding. The stored gzip variant exists only
    /// when <see cref="KeyValueInfo.GzipSize"/> is non-negative; asking for a missing one
    /// fails with <see cref="KeyValueError.EncodingUnavailable"/>.
    /// </summary>
    ValueTask<KeyValueResult> GetAsync(string key, ContentEncoding encoding = ContentEncoding.Identity, CancellationToken cancellationToken = default);
}
