using System.IO.Compression;
using System.Security.Cryptography;
using Islet.Devices;
using Islet.Platform.Unix.Content;
using Xunit;

namespace Islet.Platform.Tests.Content;

public sealed class DirectoryKeyValueStoreTests : IDisposable
{
    private readonly ContentFixture _fixture = new();
    private readonly DirectoryKeyValueStore _store;
    private readonly string _outside;

    public DirectoryKeyValueStoreTests()
    {
        _outside = Path.Combine(_fixture.Root, "outside");
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret\n");
        File.WriteAllText(Path.Combine(_fixture.Root, "sibling.txt"), "sibling\n");
        _store = new DirectoryKeyValueStore(_fixture.Folder);
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Lists_visible_files_in_ordinal_order()
    {
        Assert.Equal(ContentFixture.Keys, _store.List());
        Assert.Equal(["css/copy-of-site.css", "css/site.css"], _store.List("css/"));
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("img/all-bytes.png")]
    [InlineData("empty.txt")]
    [InlineData("a/b/c/deep.txt")]
    [InlineData("js/big.js")]
    public async Task Reads_files_with_their_digests(string key)
    {
        var expected = _fixture.Read(key);
        var result = await _store.GetAsync(key);
        Assert.Equal(expected, result.Value.ToArray());
        Assert.True(_store.TryGetInfo(key, out var info));
        Assert.Equal(key, info.Key);
        Assert.Equal(expected.Length, info.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), info.Digest.ToString());
        Assert.Equal(-1, info.GzipSize);
        Assert.Equal(KeyValueError.EncodingUnavailable, (await _store.GetAsync(key, ContentEncoding.Gzip)).Error);
    }

    [Fact]
    public void Media_type_and_time_come_from_the_file()
    {
        var time = new DateTime(2024, 5, 6, 7, 8, 9, 500, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_fixture.PathOf("index.html"), time);
        Assert.True(_store.TryGetInfo("index.html", out var info));
        Assert.Equal("text/html; charset=utf-8", info.MediaType);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), info.LastModified);
    }

    [Fact]
    public async Task Serves_a_gz_sibling_as_the_gzip_variant()
    {
        var original = _fixture.Read("css/site.css");
        using (var stream = new GZipStream(File.Create(_fixture.PathOf("css/site.css.gz")), CompressionLevel.SmallestSize))
            stream.Write(original);
        Assert.True(_store.TryGetInfo("css/site.css", out var info));
        Assert.Equal(new FileInfo(_fixture.PathOf("css/site.css.gz")).Length, info.GzipSize);
        var gzip = await _store.GetAsync("css/site.css", ContentEncoding.Gzip);
        Assert.Equal(File.ReadAllBytes(_fixture.PathOf("css/site.css.gz")), gzip.Value.ToArray());
    }

    [Fact]
    public void Digests_follow_changes_to_the_file()
    {
        Assert.True(_store.TryGetInfo("index.html", out var before));
        _fixture.Write("index.html", "changed, and longer than before, so the size differs too................................................................................................................................"u8.ToArray());
        Assert.True(_store.TryGetInfo("index.html", out var after));
        Assert.NotEqual(before.Digest, after.Digest);
        Assert.Equal(Sha256Digest.Compute(_fixture.Read("index.html")), after.Digest);
    }

    [Theory]
    [InlineData("../sibling.txt")]
    [InlineData("css/../../sibling.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData("css/..")]
    [InlineData("./index.html")]
    [InlineData("css\\site.css")]
    [InlineData("..\\sibling.txt")]
    [InlineData("")]
    [InlineData("css")]
    [InlineData("css/")]
    [InlineData(".secret")]
    [InlineData(".git/config")]
    [InlineData("css/.cache/x.css")]
    [InlineData("missing.html")]
    [InlineData("index.html\0.png")]
    public async Task Escapes_hidden_files_and_directories_are_not_found(string key)
    {
        Assert.False(_store.TryGetInfo(key, out _));
        Assert.False(_store.Exists(key));
        Assert.Equal(KeyValueError.NotFound, (await _store.GetAsync(key)).Error);
    }

    [Fact]
    public async Task Links_that_leave_the_root_are_not_found()
    {
        File.CreateSymbolicLink(_fixture.PathOf("leak.txt"), Path.Combine(_outside, "secret.txt"));
        Directory.CreateSymbolicLink(_fixture.PathOf("outside-dir"), _outside);
        File.CreateSymbolicLink(_fixture.PathOf("relative-leak.txt"), "../sibling.txt");
        File.CreateSymbolicLink(_fixture.PathOf("index.html.gz"), Path.Combine(_outside, "secret.txt"));

        foreach (var key in (string[])["leak.txt", "outside-dir/secret.txt", "relative-leak.txt"])
        {
            Assert.False(_store.TryGetInfo(key, out _), key);
            Assert.False(_store.Exists(key), key);
            Assert.Equal(KeyValueError.NotFound, (await _store.GetAsync(key)).Error);
        }
        // A .gz sibling outside the root is no variant either.
        Assert.True(_store.TryGetInfo("index.html", out var info));
        Assert.Equal(-1, info.GzipSize);
        Assert.Equal(KeyValueError.EncodingUnavailable, (await _store.GetAsync("index.html", ContentEncoding.Gzip)).Error);
        Assert.Equal(ContentFixture.Keys, _store.List());
    }

    [Fact]
    public async Task Links_that_stay_inside_the_root_are_followed()
    {
        File.CreateSymbolicLink(_fixture.PathOf("home.html"), "index.html");
        Directory.CreateSymbolicLink(_fixture.PathOf("styles"), "css");
        Directory.CreateSymbolicLink(_fixture.PathOf("a/b/loop"), "..");

        Assert.Equal(_fixture.Read("index.html"), (await _store.GetAsync("home.html")).Value.ToArray());
        Assert.True(_store.Exists("styles/site.css"));
        Assert.Contains("styles/site.css", _store.List());
        // A link to an ancestor still resolves, but listing does not walk into the cycle.
        Assert.True(_store.Exists("a/b/loop/b/c/deep.txt"));
        Assert.DoesNotContain(_store.List(), key => key.StartsWith("a/b/loop", StringComparison.Ordinal));
    }

    [Fact]
    public void A_root_that_is_a_link_works()
    {
        var link = Path.Combine(_fixture.Root, "site-link");
        Directory.CreateSymbolicLink(link, _fixture.Folder);
        var store = new DirectoryKeyValueStore(link);
        Assert.True(store.Exists("index.html"));
        Assert.Equal(ContentFixture.Keys, store.List());
    }

    [Fact]
    public void A_missing_root_is_refused() =>
        Assert.Throws<DirectoryNotFoundException>(() => new DirectoryKeyValueStore(Path.Combine(_fixture.Root, "nope")));

    [Fact]
    public void Files_over_the_limit_fail_loudly()
    {
        var store = new DirectoryKeyValueStore(_fixture.Folder, maxFileSize: 1024);
        Assert.Throws<KeyValueException>(() => store.TryGetInfo("js/big.js", out _));
        Assert.True(store.TryGetInfo("index.html", out _));
    }
}
