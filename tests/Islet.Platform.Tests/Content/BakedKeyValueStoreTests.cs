using System.IO.Compression;
using System.Security.Cryptography;
using Islet.Content;
using Islet.Crunch;
using Islet.Devices;
using Xunit;

namespace Islet.Platform.Tests.Content;

public sealed class BakedKeyValueStoreTests : IDisposable
{
    private const long Epoch = 1_700_000_000;
    private readonly ContentFixture _fixture = new();
    private readonly CrunchedContent _content;
    private readonly BakedKeyValueStore _store;

    public BakedKeyValueStoreTests()
    {
        _content = ContentFolder.Crunch(_fixture.Folder, Epoch);
        _store = new BakedKeyValueStore(_content.Blob, _content.Entries.ToArray());
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Lists_every_visible_file_in_ordinal_order_and_skips_hidden_ones()
    {
        Assert.Equal(ContentFixture.Keys, _store.List());
        Assert.Equal(ContentFixture.Keys.Length, _store.Count);
    }

    [Fact]
    public void Lists_by_prefix()
    {
        Assert.Equal(["css/copy-of-site.css", "css/site.css"], _store.List("css/"));
        Assert.Equal(["a/b/c/deep.txt"], _store.List("a/b"));
        Assert.Equal(["index.html"], _store.List("index.html"));
        Assert.Empty(_store.List("zzz"));
        Assert.Empty(_store.List("index.html/"));
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public async Task Values_round_trip_with_sha256_digests(string key)
    {
        var expected = _fixture.Read(key);
        var result = await _store.GetAsync(key);
        Assert.True(result.Found);
        Assert.Equal(expected, result.Value.ToArray());

        Assert.True(_store.TryGetInfo(key, out var info));
        Assert.Equal(key, info.Key);
        Assert.Equal(expected.Length, info.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), info.Digest.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Epoch), info.LastModified);
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public async Task Gzip_variants_decompress_to_the_value_and_are_smaller(string key)
    {
        Assert.True(_store.TryGetInfo(key, out var info));
        var gzip = await _store.GetAsync(key, ContentEncoding.Gzip);
        if (info.GzipSize < 0)
        {
            Assert.Equal(KeyValueError.EncodingUnavailable, gzip.Error);
            return;
        }
        Assert.True(gzip.Found);
        Assert.Equal(info.GzipSize, gzip.Value.Length);
        Assert.True(info.GzipSize < info.Size);
        using var decompressed = new MemoryStream();
        using (var stream = new GZipStream(new MemoryStream(gzip.Value.ToArray()), CompressionMode.Decompress))
            stream.CopyTo(decompressed);
        Assert.Equal(_fixture.Read(key), decompressed.ToArray());
    }

    public static TheoryData<string> AllKeys() => new(ContentFixture.Keys);

    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8", true)]
    [InlineData("css/site.css", "text/css; charset=utf-8", true)]
    [InlineData("js/big.js", "text/javascript; charset=utf-8", true)]
    [InlineData("img/all-bytes.png", "image/png", false)]
    [InlineData("empty.txt", "text/plain; charset=utf-8", false)]
    public void Media_types_and_gzip_presence(string key, string mediaType, bool hasGzip)
    {
        Assert.True(_store.TryGetInfo(key, out var info));
        Assert.Equal(mediaType, info.MediaType);
        Assert.Equal(hasGzip, info.GzipSize >= 0);
    }

    [Fact]
    public void Incompressible_binary_has_no_gzip_variant()
    {
        Assert.True(_store.TryGetInfo("img/all-bytes.png", out var info));
        Assert.Equal(256, info.Size);
        Assert.Equal(-1, info.GzipSize);
    }

    [Fact]
    public void Large_script_compresses_well()
    {
        Assert.True(_store.TryGetInfo("js/big.js", out var info));
        Assert.True(info.Size >= 300_000);
        Assert.InRange(info.GzipSize, 1, info.Size / 4);
    }

    [Fact]
    public void Identical_files_share_their_bytes()
    {
        var a = _content.Entries.Single(e => e.Key == "css/site.css");
        var b = _content.Entries.Single(e => e.Key == "css/copy-of-site.css");
        Assert.Equal((a.Offset, a.GzipOffset), (b.Offset, b.GzipOffset));
    }

    [Fact]
    public void Lookups_by_span_find_keys_inside_larger_text()
    {
        var request = "GET /css/site.css HTTP/1.1".AsSpan();
        Assert.True(_store.TryGetInfo(request[5..17], out var info));
        Assert.Equal("css/site.css", info.Key);
        Assert.True(_store.Exists(request[5..17]));
        Assert.True(_store.Get(request[5..17]).Found);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/index.html")]
    [InlineData("./index.html")]
    [InlineData("css/../index.html")]
    [InlineData("css//site.css")]
    [InlineData("css\\site.css")]
    [InlineData("css/")]
    [InlineData(".secret")]
    [InlineData(".git/config")]
    [InlineData("INDEX.HTML")]
    [InlineData("missing.html")]
    public async Task Invalid_hidden_and_missing_keys_find_nothing(string key)
    {
        Assert.False(_store.TryGetInfo(key, out _));
        Assert.False(_store.Exists(key));
        Assert.Equal(KeyValueError.NotFound, (await _store.GetAsync(key)).Error);
    }

    [Fact]
    public void Lookups_do_not_allocate()
    {
        var key = "css/site.css".AsSpan();
        _store.TryGetInfo(key, out _);
        _store.GetAsync("css/site.css");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _store.TryGetInfo(key, out _);
            _store.Exists(key);
            var task = _store.GetAsync("css/site.css", ContentEncoding.Gzip);
            Assert.True(task.IsCompletedSuccessfully);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Values_are_slices_of_the_blob_not_copies()
    {
        var value = _store.Get("index.html").Value;
        var entry = _content.Entries.Single(e => e.Key == "index.html");
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var segment));
        Assert.Same(_content.Blob, segment.Array);
        Assert.Equal(entry.Offset, segment.Offset);
    }

    [Fact]
    public void Cancelled_reads_complete_as_cancelled()
    {
        var task = _store.GetAsync("index.html", cancellationToken: new CancellationToken(canceled: true));
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public void Rejects_malformed_tables()
    {
        var digest = default(Sha256Digest);
        byte[] blob = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => new BakedKeyValueStore(blob, [new("a", 0, 4, -1, -1, digest, 0, "x")]));
        Assert.Throws<ArgumentException>(() => new BakedKeyValueStore(blob, [new("a", 0, 1, 2, 2, digest, 0, "x")]));
        Assert.Throws<ArgumentException>(() => new BakedKeyValueStore(blob, [new("../a", 0, 1, -1, -1, digest, 0, "x")]));
        Assert.Throws<ArgumentException>(() => new BakedKeyValueStore(blob, [new("a", 0, 1, -1, -1, digest, 0, "x"), new("a", 1, 1, -1, -1, digest, 0, "x")]));
        Assert.Throws<ArgumentException>(() => new BakedKeyValueStore(blob, [new("a", -1, 1, -1, -1, digest, 0, "x")]));
    }
}
