using Islet.Content;
using Xunit;

namespace Islet.Platform.Tests.Content;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("css/site.css", "text/css; charset=utf-8")]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("mod.mjs", "text/javascript; charset=utf-8")]
    [InlineData("data.json", "application/json; charset=utf-8")]
    [InlineData("app.js.map", "application/json; charset=utf-8")]
    [InlineData("logo.svg", "image/svg+xml; charset=utf-8")]
    [InlineData("feed.xml", "application/xml; charset=utf-8")]
    [InlineData("robots.txt", "text/plain; charset=utf-8")]
    [InlineData("README.md", "text/markdown; charset=utf-8")]
    [InlineData("a.png", "image/png")]
    [InlineData("a.JPG", "image/jpeg")]
    [InlineData("a.jpeg", "image/jpeg")]
    [InlineData("a.gif", "image/gif")]
    [InlineData("a.webp", "image/webp")]
    [InlineData("favicon.ico", "image/x-icon")]
    [InlineData("app.wasm", "application/wasm")]
    [InlineData("f.woff", "font/woff")]
    [InlineData("f.woff2", "font/woff2")]
    [InlineData("doc.pdf", "application/pdf")]
    [InlineData("archive.tar.zst", "application/octet-stream")]
    [InlineData("Makefile", "application/octet-stream")]
    [InlineData(".htaccess", "application/octet-stream")]
    [InlineData("dir.html/file", "application/octet-stream")]
    [InlineData("trailing.", "application/octet-stream")]
    public void Maps_paths_to_media_types(string path, string mediaType) =>
        Assert.Equal(mediaType, MediaTypes.FromPath(path));

    [Fact]
    public void Extensions_may_carry_a_dot() =>
        Assert.Equal(MediaTypes.FromExtension("css"), MediaTypes.FromExtension(".CSS"));

    [Theory]
    [InlineData("text/html; charset=utf-8", true)]
    [InlineData("text/css", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("image/svg+xml; charset=utf-8", true)]
    [InlineData("application/manifest+json", true)]
    [InlineData("application/wasm", true)]
    [InlineData("image/x-icon", true)]
    [InlineData("image/png", false)]
    [InlineData("image/jpeg", false)]
    [InlineData("font/woff2", false)]
    [InlineData("application/pdf", false)]
    [InlineData("application/octet-stream", false)]
    public void Knows_which_types_compress(string mediaType, bool compressible) =>
        Assert.Equal(compressible, MediaTypes.IsCompressible(mediaType));
}
