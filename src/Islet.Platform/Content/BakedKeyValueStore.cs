using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Internal.Content;

namespace Islet.Content;

/// <summary>
/// A read-only <see cref="IKeyValueStore"/> over a content table baked into the application
/// at build time by <c>Islet.Crunch</c>: one blob of bytes and a table of
/// <see cref="BakedEntry"/> rows. No filesystem is needed at run time.
/// </summary>
/// <remarks>
/// Lookups (<see cref="TryGetInfo"/>, <see cref="Exists"/>, <see cref="GetAsync"/>) are
/// allocation-free and complete synchronously. Values are slices of the blob, never copies:
/// they stay valid for the store's lifetime and must not be written.
/// The store is immutable and safe to share between threads.
/// </remarks>
public sealed class BakedKeyValueStore : IKeyValueStore
{
    private readonly ReadOnlyMemory<byte> _blob;
    private readonly BakedEntry[] _entries;   // ordinal order of Key
    private readonly string[] _keys;          // _entries[i].Key, for prefix search
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Dictionary<string, int> _byKey;

    /// <summary>
    /// Builds a store over <paramref name="blob"/>, which the store keeps (no copy), and a
    /// copy of <paramref name="entries"/> in any order.
    /// </summary>
    /// <exception cref="ArgumentException">A key is invalid or repeated, or an entry lies outside the blob.</exception>
    public BakedKeyValueStore(ReadOnlyMemory<byte> blob, ReadOnlySpan<BakedEntry> entries)
    {
        _blob = blob;
        _entries = entries.ToArray();
        Array.Sort(_entries, static (x, y) => string.CompareOrdinal(x.Key, y.Key));
        _keys = new string[_entries.Length];
        _byKey = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Length; i++)
        {
            ref readonly var entry = ref _entries[i];
            Validate(entry, blob.Length);
            if (!_byKey.TryAdd(entry.Key, i)) ContentThrowHelper.ThrowInvalidTable($"the key '{entry.Key}' appears twice.");
            _keys[i] = entry.Key;
        }
        _bySpan = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Builds a store over constant data compiled into the assembly, as generated code does:
    /// <c>static ReadOnlySpan&lt;byte&gt; Blob => [ ... ];</c> with only constant elements,
    /// which the compiler places in the image's read-only data. The bytes are exposed as
    /// <see cref="ReadOnlyMemory{T}"/> without copying.
    /// </summary>
    /// <param name="staticBlob">
    /// Precondition, not checked: memory that is never moved or freed — RVA static data as
    /// above, or native memory that outlives the process's use of the store. A span over a
    /// managed array or the stack is NOT allowed (use the constructor with a
    /// <see cref="ReadOnlyMemory{T}"/> instead).
    /// </param>
    /// <param name="entries">The table; copied.</param>
    /// <exception cref="ArgumentException">A key is invalid or repeated, or an entry lies outside the blob.</exception>
    public static unsafe BakedKeyValueStore FromStaticData(ReadOnlySpan<byte> staticBlob, ReadOnlySpan<BakedEntry> entries)
    {
        if (staticBlob.IsEmpty) return new BakedKeyValueStore(ReadOnlyMemory<byte>.Empty, entries);
        // SAFETY: by this method's precondition the span is RVA static data in the loaded image
        // (or equivalent unmanaged memory), which the GC never moves and nothing frees while the
        // process runs, so the raw pointer stays valid for the store's lifetime without pinning.
        var pointer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(staticBlob));
        var manager = new StaticMemoryManager(pointer, staticBlob.Length);
        return new BakedKeyValueStore(manager.Memory, entries);
    }

    /// <summary>
    /// Builds a store over constant 64-bit words compiled into the assembly, the form
    /// <c>Islet.Crunch</c> generates: <c>static ReadOnlySpan&lt;ulong&gt; Blob => new ulong[] { ... };</c>.
    /// The compiler places the words in the image's read-only data, and the blob is their
    /// bytes in little-endian order. Words rather than bytes because the compiler handles
    /// eight times fewer literals: a site of a few megabytes compiles in seconds, not minutes.
    /// </summary>
    /// <param name="staticWords">
    /// Precondition, not checked: as for <see cref="FromStaticData(ReadOnlySpan{byte}, ReadOnlySpan{BakedEntry})"/>,
    /// memory that is never moved or freed.
    /// </param>
    /// <param name="entries">The table; copied. Offsets are in bytes.</param>
    /// <remarks>On a big-endian machine the words are copied once into a managed array in little-endian order.</remarks>
    /// <exception cref="ArgumentException">A key is invalid or repeated, or an entry lies outside the blob.</exception>
    public static BakedKeyValueStore FromStaticData(ReadOnlySpan<ulong> staticWords, ReadOnlySpan<BakedEntry> entries)
    {
        if (BitConverter.IsLittleEndian) return FromStaticData(MemoryMarshal.AsBytes(staticWords), entries);
        var bytes = new byte[staticWords.Length * sizeof(ulong)];
        for (var i = 0; i < staticWords.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), staticWords[i]);
        return new BakedKeyValueStore(bytes, entries);
    }

    /// <summary>Number of values in the store.</summary>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public bool TryGetInfo(ReadOnlySpan<char> key, out KeyValueInfo info)
    {
        if (!_bySpan.TryGetValue(key, out var index))
        {
            info = default;
            return false;
        }
        info = ToInfo(_entries[index]);
        return true;
    }

    /// <inheritdoc/>
    public bool Exists(ReadOnlySpan<char> key) => _bySpan.ContainsKey(key);

    /// <inheritdoc/>
    /// <remarks>The prefix is plain text, not a path segment: <c>"css"</c> also matches <c>"cssx/a"</c>.</remarks>
    public IEnumerable<string> List(string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var start = Array.BinarySearch(_keys, prefix, StringComparer.Ordinal);
        if (start < 0) start = ~start;
        return ListFrom(start, prefix);
    }

    private IEnumerable<string> ListFrom(int start, string prefix)
    {
        for (var i = start; i < _keys.Length && _keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return _keys[i];
    }

    /// <inheritdoc/>
    /// <remarks>Completes synchronously without allocating.</remarks>
    public ValueTask<KeyValueResult> GetAsync(string key, ContentEncoding encoding = ContentEncoding.Identity, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<KeyValueResult>(cancellationToken);
        return new ValueTask<KeyValueResult>(Get(key, encoding));
    }

    /// <summary>The synchronous form of <see cref="GetAsync"/>: a value's bytes in the requested encoding.</summary>
    public KeyValueResult Get(ReadOnlySpan<char> key, ContentEncoding encoding = ContentEncoding.Identity)
    {
        if (!_bySpan.TryGetValue(key, out var index)) return KeyValueResult.Failure(KeyValueError.NotFound);
        ref readonly var entry = ref _entries[index];
        return encoding switch
        {
            ContentEncoding.Identity => KeyValueResult.Success(_blob.Slice(entry.Offset, entry.Length)),
            ContentEncoding.Gzip when entry.HasGzip => KeyValueResult.Success(_blob.Slice(entry.GzipOffset, entry.GzipLength)),
            _ => KeyValueResult.Failure(KeyValueError.EncodingUnavailable),
        };
    }

    private static KeyValueInfo ToInfo(in BakedEntry entry) => new(
        entry.Key,
        entry.Length,
        entry.Digest,
        DateTimeOffset.FromUnixTimeSeconds(entry.LastModifiedUnixSeconds),
        entry.MediaType,
        entry.HasGzip ? entry.GzipLength : -1);

    private static void Validate(in BakedEntry entry, int blobLength)
    {
        if (entry.Key is null || !KeyValuePath.IsValid(entry.Key)) ContentThrowHelper.ThrowInvalidTable($"the key '{entry.Key}' is not a valid relative path.");
        if (entry.MediaType is null) ContentThrowHelper.ThrowInvalidTable($"'{entry.Key}' has no media type.");
        if (!InBlob(entry.Offset, entry.Length, blobLength)) ContentThrowHelper.ThrowInvalidTable($"'{entry.Key}' lies outside the blob.");
        var noGzip = entry.GzipOffset == -1 && entry.GzipLength == -1;
        if (!noGzip && !InBlob(entry.GzipOffset, entry.GzipLength, blobLength)) ContentThrowHelper.ThrowInvalidTable($"the gzip variant of '{entry.Key}' lies outside the blob.");
        if (entry.LastModifiedUnixSeconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || entry.LastModifiedUnixSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            ContentThrowHelper.ThrowInvalidTable($"'{entry.Key}' has an out-of-range modification time.");
    }

    private static bool InBlob(int offset, int length, int blobLength) =>
        offset >= 0 && length >= 0 && (long)offset + length <= blobLength;
}
