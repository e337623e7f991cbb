namespace Islet.Http.Tests;

public class StaticSiteHandlerTests
{
    private const string Page = "<p>hello world, this is the page</p>";

    private static TestStore Store() => new TestStore()
        .Add("index.html", "<p>home</p>")
        .Add("docs/index.html", "<p>docs</p>")
        .Add("page.html", Page, gzip: true)
        .Add("empty.txt", "", "text/plain")
        .Add("a b.txt", "spaced", "text/plain");

    private static ParsedResponse Get(string target, string headers = "", string method = "GET", TestStore? store = null) =>
        Harness.Exchange($"{method} {target} HTTP/1.1\r\nHost: a\r\n{headers}\r\n", new StaticSiteHandler(store ?? Store())).Single();

    private static string ETagOf(string key, bool gzip = false)
    {
        var digest = Store().Info(key).Digest;
        return "\"" + digest.ToString()[..32] + (gzip ? "-gz" : "") + "\"";
    }

    [Fact]
    public void Root_and_directory_paths_serve_index_html()
    {
        Assert.Equal("<p>home</p>", Get("/").BodyText);
        var docs = Get("/docs/");
        Assert.Equal(200, docs.Status);
        Assert.Equal("<p>docs</p>", docs.BodyText);
        Assert.Equal("text/html; charset=utf-8", docs.Header("Content-Type"));
    }

    [Fact]
    public void A_file_is_served_with_validators_and_percent_decoded_names()
    {
        var response = Get("/page.html");
        Assert.Equal(200, response.Status);
        Assert.Equal(Page, response.BodyText);
        Assert.Equal(ETagOf("page.html"), response.Header("ETag"));
        Assert.Equal("Tue, 04 Mar 2025 05:06:07 GMT", response.Header("Last-Modified"));
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
        Assert.Equal("bytes", response.Header("Accept-Ranges"));
        Assert.Equal("spaced", Get("/a%20b.txt").BodyText);
        Assert.Equal("", Get("/empty.txt").BodyText);
    }

    [Fact]
    public void A_directory_without_slash_redirects_with_301()
    {
        var response = Get("/docs?x=1");
        Assert.Equal(301, response.Status);
        Assert.Equal("/docs/?x=1", response.Header("Location"));
    }

    [Theory]
    [InlineData("/missing.html", 404)]
    [InlineData("/docs/missing/", 404)]
    [InlineData("/../secret", 400)]
    [InlineData("/docs/%2E%2E/index.html", 400)]
    [InlineData("/a%00b", 400)]
    [InlineData("/a%5Cb", 400)]
    [InlineData("/a%zz", 400)]
    [InlineData("/%C3%28", 400)]
    [InlineData("//index.html", 400)]
    public void Missing_and_invalid_paths_are_404_or_400(string target, int status)
    {
        var response = Get(target);
        Assert.Equal(status, response.Status);
        Assert.Contains(status.ToString(), response.BodyText);
    }

    [Fact]
    public void Other_methods_are_405_with_allow()
    {
        var response = Get("/", method: "DELETE");
        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
    }

    [Fact]
    public void Head_sends_the_get_headers_without_a_body()
    {
        var get = Get("/page.html");
        var head = Get("/page.html", method: "HEAD");
        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        foreach (var name in new[] { "Content-Length", "Content-Type", "ETag", "Last-Modified", "Vary", "Accept-Ranges" })
        {
            Assert.Equal(get.Header(name), head.Header(name));
        }
    }

    [Theory]
    [InlineData("If-None-Match: \"nope\", {0}\r\n")]
    [InlineData("If-None-Match: W/{0}\r\n")]
    [InlineData("If-None-Match: *\r\n")]
    [InlineData("If-Modified-Since: Tue, 04 Mar 2025 05:06:07 GMT\r\n")]
    [InlineData("If-Modified-Since: Wed, 05 Mar 2025 00:00:00 GMT\r\n")]
    public void Matching_validators_give_304_without_a_body(string header)
    {
        var response = Get("/page.html", string.Format(header, ETagOf("page.html")));
        Assert.Equal(304, response.Status);
        Assert.Empty(response.Body);
        Assert.Null(response.Header("Content-Length"));
        Assert.Equal(ETagOf("page.html"), response.Header("ETag"));
    }

    [Theory]
    [InlineData("If-None-Match: \"other\"\r\n")]
    [InlineData("If-Modified-Since: Mon, 03 Mar 2025 00:00:00 GMT\r\n")]
    [InlineData("If-Modified-Since: not a date\r\n")]
    [InlineData("If-None-Match: \"other\"\r\nIf-Modified-Since: Wed, 05 Mar 2025 00:00:00 GMT\r\n")] // If-None-Match wins
    public void Non_matching_validators_give_200(string header) => Assert.Equal(200, Get("/page.html", header).Status);

    [Theory]
    [InlineData("bytes=0-4", "bytes 0-4/36", "<p>he")]
    [InlineData("bytes=31-", "bytes 31-35/36", "</p>")]
    [InlineData("bytes=-4", "bytes 32-35/36", "/p>")]
    [InlineData("bytes=30-999", "bytes 30-35/36", "e</p>")]
    [InlineData("bytes=-100", "bytes 0-35/36", Page)]
    public void A_single_range_gives_206_with_content_range(string range, string contentRange, string body)
    {
        var response = Get("/page.html", $"Range: {range}\r\nAccept-Encoding: gzip\r\n");
        Assert.Equal(206, response.Status);
        Assert.Equal(contentRange, response.Header("Content-Range"));
        Assert.EndsWith(body, response.BodyText);
        Assert.Equal(Page.Substring(int.Parse(contentRange.Split(' ', '-')[1]), response.Body.Length), response.BodyText);
        Assert.Null(response.Header("Content-Encoding"));
    }

    [Theory]
    [InlineData("bytes=36-")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=99999999999999999999999-")]
    public void An_unsatisfiable_range_gives_416(string range)
    {
        var response = Get("/page.html", $"Range: {range}\r\n");
        Assert.Equal(416, response.Status);
        Assert.Equal("bytes */36", response.Header("Content-Range"));
    }

    [Theory]
    [InlineData("Range: bytes=0-1,3-4\r\n")]     // several ranges: whole representation
    [InlineData("Range: bytes=5-1\r\n")]         // invalid range-spec: ignored
    [InlineData("Range: pages=1-2\r\n")]
    [InlineData("Range: bytes=0-4\r\nIf-Range: \"stale\"\r\n")]
    [InlineData("Range: bytes=0-4\r\nIf-Range: Mon, 03 Mar 2025 00:00:00 GMT\r\n")]
    public void Ignored_ranges_give_the_whole_200(string headers)
    {
        var response = Get("/page.html", headers);
        Assert.Equal(200, response.Status);
        Assert.Equal(Page, response.BodyText);
    }

    [Fact]
    public void If_range_with_the_current_tag_or_date_allows_the_range()
    {
        Assert.Equal(206, Get("/page.html", $"Range: bytes=0-4\r\nIf-Range: {ETagOf("page.html")}\r\n").Status);
        Assert.Equal(206, Get("/page.html", "Range: bytes=0-4\r\nIf-Range: Tue, 04 Mar 2025 05:06:07 GMT\r\n").Status);
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("deflate, gzip;q=0.5", true)]
    [InlineData("br;q=1.0, *;q=0.1", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("gzip;q=0.000, *", false)]
    [InlineData("*;q=0", false)]
    [InlineData("identity", false)]
    [InlineData("", false)]
    public void Gzip_is_served_when_accepted_with_positive_quality(string acceptEncoding, bool gzip)
    {
        var store = Store();
        var response = Get("/page.html", acceptEncoding.Length > 0 ? $"Accept-Encoding: {acceptEncoding}\r\n" : "", store: store);
        Assert.Equal(200, response.Status);
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
        if (gzip)
        {
            Assert.Equal("gzip", response.Header("Content-Encoding"));
            Assert.Equal(store.Gzip("page.html"), response.Body);
            Assert.Equal(ETagOf("page.html", gzip: true), response.Header("ETag"));
        }
        else
        {
            Assert.Null(response.Header("Content-Encoding"));
            Assert.Equal(Page, response.BodyText);
        }
    }

    [Fact]
    public void Files_without_a_gzip_variant_are_identity_without_vary()
    {
        var response = Get("/", "Accept-Encoding: gzip\r\n");
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Null(response.Header("Vary"));
    }

    [Fact]
    public void The_gzip_tag_revalidates_the_gzip_representation()
    {
        var response = Get("/page.html", $"Accept-Encoding: gzip\r\nIf-None-Match: {ETagOf("page.html", gzip: true)}\r\n");
        Assert.Equal(304, response.Status);
    }
}
