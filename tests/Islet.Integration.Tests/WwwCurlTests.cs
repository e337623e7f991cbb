using System.IO.Compression;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Islet.Integration.Tests;

/// <summary>The www unikernel, built with NativeAOT and started with <c>islet run</c>, against real curl.</summary>
[Collection("www")]
public sealed class WwwCurlTests(WwwFixture www)
{
    private static readonly string SiteRoot = Path.Combine("examples", "www", "site");

    private byte[] SiteFile(string relative) => File.ReadAllBytes(Path.Combine(www.RepoRoot, SiteRoot, relative));

    private static string Header(string headers, string name)
    {
        var match = Regex.Match(headers, $@"^{Regex.Escape(name)}:\s*(.*?)\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : "";
    }

    [Fact]
    public async Task Islet_run_prints_the_url()
    {
        var line = await www.RunOutput.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains($"http://127.0.0.1:{www.Port}/", line ?? "");
    }

    [Fact]
    public void Index_is_served_with_the_baked_bytes_and_headers()
    {
        var file = Path.GetTempFileName();
        var r = www.Curl("-D", "-", "-o", file, www.Url("/"));
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("HTTP/1.1 200 OK", r.Stdout);
        Assert.Equal("text/html; charset=utf-8", Header(r.Stdout, "Content-Type"));
        Assert.NotEqual("", Header(r.Stdout, "Date"));
        Assert.NotEqual("", Header(r.Stdout, "Last-Modified"));
        Assert.Equal(SiteFile("index.html"), File.ReadAllBytes(file));
    }

    [Fact]
    public void Keep_alive_reuses_one_connection_for_several_requests()
    {
        var r = www.Curl("-v", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
            www.Url("/"), www.Url("/about.html"), www.Url("/css/site.css"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, Regex.Matches(r.Stderr, @"< HTTP/1.1 200 OK").Count);
        Assert.Equal(2, Regex.Matches(r.Stderr, "Re-using existing connection").Count);
        Assert.Single(Regex.Matches(r.Stderr, @"Connected to 127\.0\.0\.1"));
    }

    [Fact]
    public void Head_sends_the_headers_of_get_and_no_body()
    {
        var get = www.Curl("-D", "-", "-o", "/dev/null", www.Url("/about.html"));
        var head = www.Curl("--head", "-w", "size=%{size_download}", www.Url("/about.html"));
        Assert.Equal(0, head.ExitCode);
        Assert.StartsWith("HTTP/1.1 200 OK", head.Stdout);
        Assert.Equal(SiteFile("about.html").Length.ToString(), Header(head.Stdout, "Content-Length"));
        Assert.Equal(Header(get.Stdout, "ETag"), Header(head.Stdout, "ETag"));
        Assert.EndsWith("size=0", head.Stdout);
    }

    [Fact]
    public void Range_request_gets_206_with_exactly_those_bytes()
    {
        var r = www.Curl("-D", "/dev/stderr", "-r", "10-29", www.Url("/img/islet.png"));
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("HTTP/1.1 206", r.Stderr);
        var png = SiteFile("img/islet.png");
        Assert.Equal($"bytes 10-29/{png.Length}", Header(r.Stderr, "Content-Range"));
        Assert.Equal(Encoding.Latin1.GetString(png, 10, 20), Encoding.Latin1.GetString(Encoding.Latin1.GetBytes(r.Stdout)));
    }

    [Fact]
    public void Unsatisfiable_range_gets_416()
    {
        var r = www.Curl("-o", "/dev/null", "-D", "-", "-r", "999999-", www.Url("/img/islet.png"));
        Assert.StartsWith("HTTP/1.1 416", r.Stdout);
        Assert.Equal($"bytes */{SiteFile("img/islet.png").Length}", Header(r.Stdout, "Content-Range"));
    }

    [Fact]
    public void If_none_match_with_the_etag_gets_304()
    {
        var first = www.Curl("-D", "-", "-o", "/dev/null", www.Url("/css/site.css"));
        var etag = Header(first.Stdout, "ETag");
        Assert.Matches("^\"[^\"]+\"$", etag);
        var second = www.Curl("-D", "-", "-o", "/dev/null", "-w", "size=%{size_download}", "-H", $"If-None-Match: {etag}", www.Url("/css/site.css"));
        Assert.StartsWith("HTTP/1.1 304", second.Stdout);
        Assert.EndsWith("size=0", second.Stdout);
        var other = www.Curl("-D", "-", "-o", "/dev/null", "-H", "If-None-Match: \"not-it\"", www.Url("/css/site.css"));
        Assert.StartsWith("HTTP/1.1 200", other.Stdout);
    }

    [Fact]
    public void Gzip_is_served_precompressed_to_clients_that_accept_it()
    {
        var raw = Path.GetTempFileName();
        var r = www.Curl("-D", "-", "-o", raw, "-H", "Accept-Encoding: gzip", www.Url("/css/site.css"));
        Assert.StartsWith("HTTP/1.1 200", r.Stdout);
        Assert.Equal("gzip", Header(r.Stdout, "Content-Encoding"));
        Assert.Contains("Accept-Encoding", Header(r.Stdout, "Vary"));
        using var gzip = new GZipStream(File.OpenRead(raw), CompressionMode.Decompress);
        var decoded = new MemoryStream();
        gzip.CopyTo(decoded);
        Assert.Equal(SiteFile("css/site.css"), decoded.ToArray());
        Assert.True(new FileInfo(raw).Length < SiteFile("css/site.css").Length);

        var compressed = www.Curl("--compressed", www.Url("/css/site.css"));
        Assert.Equal(Encoding.UTF8.GetString(SiteFile("css/site.css")), compressed.Stdout);
    }

    [Fact]
    public void Missing_page_gets_404()
    {
        var r = www.Curl("-o", "/dev/null", "-w", "%{http_code}", www.Url("/no/such/page.html"));
        Assert.Equal("404", r.Stdout);
    }

    [Fact]
    public void A_100_KB_header_gets_431_and_a_closed_connection()
    {
        var big = "X-Big: " + new string('a', 100 * 1024);
        var r = www.Curl("-v", "-o", "/dev/null", "-w", "%{http_code}", "-H", big, www.Url("/"));
        Assert.Equal("431", r.Stdout);
        Assert.Contains("< Connection: close", r.Stderr);
    }

    [Fact]
    public void Pipelined_requests_on_one_socket_are_answered_in_order()
    {
        using var client = new TcpClient("127.0.0.1", www.Port);
        var stream = client.GetStream();
        var request = "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        stream.Write(Encoding.ASCII.GetBytes(request));
        stream.ReadTimeout = 10_000;
        var all = new MemoryStream();
        stream.CopyTo(all); // the server closes after the third response
        var text = Encoding.Latin1.GetString(all.ToArray());
        var statuses = Regex.Matches(text, @"HTTP/1\.1 (\d{3})").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["200", "404", "200"], statuses);
        Assert.Contains(Encoding.ASCII.GetString(SiteFile("robots.txt")), text);
    }

    [Fact]
    public void Trailing_slash_directory_serves_its_index_and_bare_directory_redirects()
    {
        var docs = www.Curl("-o", "/dev/null", "-w", "%{http_code}", www.Url("/docs/"));
        Assert.Equal("200", docs.Stdout);
        var bare = www.Curl("-o", "/dev/null", "-D", "-", www.Url("/docs"));
        Assert.StartsWith("HTTP/1.1 301", bare.Stdout);
        Assert.Equal("/docs/", Header(bare.Stdout, "Location"));
    }
}
