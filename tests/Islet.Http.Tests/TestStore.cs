using System.IO.Compression;
using System.Text;
using Islet.Devices;

namespace Islet.Http.Tests;

/// <summary>A dictionary-backed <see cref="IKeyValueStore"/> with optional gzip variants.</summary>
internal sealed class TestStore : IKeyValueStore
{
    public static readonly DateTimeOffset Modified = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly Dictionary<string, (KeyValueInfo Info, byte[] Identity, byte[]? Gzip)> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (KeyValueInfo Info, byte[] Identity, byte[]? Gzip)>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TestStore() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    public TestStore Add(string key, string content, string mediaType = "text/html; charset=utf-8", bool gzip = false)
    {
        var identity = Encoding.UTF8.GetBytes(content);
        byte[]? compressed = null;
        if (gzip)
        {
            using var output = new MemoryStream();
            using (var zip = new GZipStream(output, CompressionLevel.Optimal)) zip.Write(identity);
            compressed = output.ToArray();
        }
        var info = new KeyValueInfo(key, identity.Length, Sha256Digest.Compute(identity), Modified, mediaType, compressed?.Length ?? -1);
        _values[key] = (info, identity, compressed);
        return this;
    }

    public byte[] Gzip(string key) => _values[key].Gzip!;

    public KeyValueInfo Info(string key) => _values[key].Info;

    public bool TryGetInfo(ReadOnlySpan<char> key, out KeyValueInfo info)
    {
        bool found = _lookup.TryGetValue(key, out var entry);
        info = entry.Info;
        return found;
    }

    public IEnumerable<string> List(string prefix = "") => _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public ValueTask<KeyValueResult> GetAsync(string key, ContentEncoding encoding = ContentEncoding.Identity, CancellationToken cancellationToken = default)
    {
        if (!_values.TryGetValue(key, out var entry)) return ValueTask.FromResult(KeyValueResult.Failure(KeyValueError.NotFound));
        if (encoding == ContentEncoding.Gzip)
        {
            return ValueTask.FromResult(entry.Gzip is null ? KeyValueResult.Failure(KeyValueError.EncodingUnavailable) : KeyValueResult.Success(entry.Gzip));
        }
        return ValueTask.FromResult(KeyValueResult.Success(entry.Identity));
    }
}
