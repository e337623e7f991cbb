using System.IO.Compression;
using System.Text;
using Islet.Http;
using Islet.Store.Sync.Server;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>
/// Raw HTTP from a hostile client at Islet's git server: every malformed request gets the protocol's
/// error or an HTTP 4xx, the server keeps serving, and the store's refs do not change.
/// </summary>
public sealed class HostileClientTests : IDisposable
{
    private const string UploadRequest = "Content-Type: application/x-git-upload-pack-request\r\n";
    private const string ReceiveRequest = "Content-Type: application/x-git-receive-pack-request\r\n";

    private readonly DirectoryBackend _backend = IsletHistory.CreateBare();
    private readonly DirectoryBackend _readOnly = IsletHistory.CreateBare();
    private readonly GitServerHarness _server;
    private readonly string _tip;
    private readonly GitServerStatistics _statistics;

    public HostileClientTests()
    {
        IsletHistory.Populate(_backend, 50);
        _tip = _backend.RefStore.Resolve("refs/heads/main")!.Value.ToString();
        var registry = new GitRepositoryRegistry();
        _statistics = registry.Add("store", _backend).Statistics;
        registry.Add("frozen", _readOnly, new GitRepositoryPolicy { ReadOnly = true });
        _server = new GitServerHarness(registry, httpOptions: new HttpServerOptions { MaxRequestBodySize = 1024 * 1024 });
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_backend.GitDirectory, recursive: true);
        Directory.Delete(_readOnly.GitDirectory, recursive: true);
    }

    private string Refs() => _server.OnLoop(() => string.Join('\n', _backend.RefStore.List().Select(r => $"{r.Name} {r.Value}")));

    private RawHttp.Response Post(string service, string headers, byte[] body, bool contentLength = true) =>
        RawHttp.Send(_server.Port, RawHttp.Request("POST", "/store/" + service, headers, body, contentLength));

    [Fact]
    public void Routing_method_content_type_and_policy_errors_are_4xx()
    {
        byte[] body = new PktBytes().Text($"want {_tip} side-band-64k").Flush().Text("done").ToArray();
        Assert.Equal(404, RawHttp.Send(_server.Port, RawHttp.Request("GET", "/nothere/info/refs?service=git-upload-pack")).Status);
        Assert.Equal(404, RawHttp.Send(_server.Port, RawHttp.Request("GET", "/../store/info/refs?service=git-upload-pack")).Status);
        Assert.Equal(404, RawHttp.Send(_server.Port, RawHttp.Request("GET", "/store/info/refs")).Status);
        Assert.Equal(404, RawHttp.Send(_server.Port, RawHttp.Request("GET", "/store/HEAD")).Status);
        Assert.Equal(405, RawHttp.Send(_server.Port, RawHttp.Request("GET", "/store/git-upload-pack")).Status);
        Assert.Equal(415, Post("git-upload-pack", "Content-Type: text/plain\r\n", body).Status);
        Assert.Equal(415, Post("git-upload-pack", UploadRequest + "Content-Encoding: br\r\n", body).Status);
        Assert.Equal(403, RawHttp.Send(_server.Port, RawHttp.Request("GET", "/frozen/info/refs?service=git-receive-pack")).Status);
        Assert.Equal(403, RawHttp.Send(_server.Port, RawHttp.Request("POST", "/frozen/git-receive-pack", ReceiveRequest, body)).Status);
        var advertisement = RawHttp.Send(_server.Port, RawHttp.Request("GET", "/store.git/info/refs?service=git-upload-pack"));
        Assert.Equal(200, advertisement.Status);
        Assert.Contains("Content-Type: application/x-git-upload-pack-advertisement", advertisement.Head);
        Assert.Contains("Cache-Control: no-cache", advertisement.Head);
        Assert.StartsWith("001e# service=git-upload-pack\n0000", advertisement.BodyText);
        Assert.Contains("symref=HEAD:refs/heads/main", advertisement.BodyText);
        Assert.Contains($" refs/tags/v50^{{}}\n", advertisement.BodyText);
    }

    [Fact]
    public void Include_tag_adds_the_annotated_tags_of_sent_commits()
    {
        int Objects(string capabilities)
        {
            var answer = Post("git-upload-pack", UploadRequest, new PktBytes().Text($"want {_tip} {capabilities}").Flush().Text("done").ToArray());
            Assert.Equal(200, answer.Status);
            return (int)LastPackObjects();
        }
        int plain = Objects("side-band-64k ofs-delta");
        int withTags = Objects("side-band-64k ofs-delta include-tag");
        Assert.Equal(plain + 1, withTags); // v50 names the tip of main
    }

    private long LastPackObjects() => _server.OnLoop(() => _statistics.LastPackObjects);

    [Theory]
    [InlineData("zzzz")]                 // not hex
    [InlineData("ffff0000")]             // longer than LARGE_PACKET_MAX
    [InlineData("0003")]                 // reserved length
    [InlineData("0032want ")]            // truncated line
    [InlineData("0000")]                 // no wants
    [InlineData("000ahave 12\n0000")]    // have before want
    [InlineData("0014want 0123456789\n0000")] // short id
    [InlineData("0011deepen 1\n0000")]   // shallow: not offered
    public void Malformed_upload_pack_requests_are_400(string body)
    {
        string before = Refs();
        Assert.Equal(400, Post("git-upload-pack", UploadRequest, Encoding.Latin1.GetBytes(body)).Status);
        Assert.Equal(before, Refs());
        Assert.Equal(200, RawHttp.Send(_server.Port, RawHttp.Request("GET", "/store/info/refs?service=git-upload-pack")).Status);
    }

    [Fact]
    public void An_unknown_want_is_answered_with_err_and_a_truncated_or_bad_gzip_body_with_4xx()
    {
        string unknown = new('7', 40);
        var answer = Post("git-upload-pack", UploadRequest, new PktBytes().Text($"want {unknown} side-band-64k").Flush().Text("done").ToArray());
        Assert.Equal(200, answer.Status);
        Assert.Contains($"ERR upload-pack: not our ref {unknown}", answer.BodyText);

        byte[] valid = new PktBytes().Text($"want {_tip} side-band-64k ofs-delta").Flush().Text("done").ToArray();
        var truncated = Post("git-upload-pack", UploadRequest + $"Content-Length: {valid.Length}\r\n", valid[..^6], contentLength: false);
        Assert.True(truncated.Status is 0 or 400, $"status {truncated.Status}");
        var badGzip = Post("git-upload-pack", UploadRequest + "Content-Encoding: gzip\r\n", [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Equal(400, badGzip.Status);
        Assert.Equal(413, Post("git-upload-pack", UploadRequest + "Content-Length: 999999999999\r\n", [], contentLength: false).Status);

        var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(valid);
        var good = Post("git-upload-pack", UploadRequest + "Content-Encoding: gzip\r\n", gzipped.ToArray());
        Assert.Equal(200, good.Status);
        Assert.Contains("Content-Type: application/x-git-upload-pack-result", good.Head);
        Assert.Contains("PACK", good.BodyText);

        // A gzip bomb: far more than the inflated limit.
        var bomb = new MemoryStream();
        using (var gzip = new GZipStream(bomb, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new PktBytes().Text($"want {_tip}").Flush().ToArray());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 80; i++) gzip.Write(zeros);
        }
        Assert.Equal(400, Post("git-upload-pack", UploadRequest + "Content-Encoding: gzip\r\n", bomb.ToArray()).Status);
    }

    [Fact]
    public void Garbage_packs_and_bad_commands_change_nothing()
    {
        string before = Refs();
        string zero = new('0', 40);
        string newId = new('9', 40);
        byte[] garbage = new PktBytes().Text($"{zero} {newId} refs/heads/evil\0report-status").Flush().Raw("PACK\0\0\0\u0002\0\0\0\u0001garbage"u8).ToArray();
        var answer = Post("git-receive-pack", ReceiveRequest, garbage);
        Assert.Equal(200, answer.Status);
        Assert.Contains("unpack ", answer.BodyText);
        Assert.DoesNotContain("unpack ok", answer.BodyText);
        Assert.Contains("ng refs/heads/evil", answer.BodyText);

        byte[] noPack = new PktBytes().Text($"{zero} {_tip} refs/heads/copy\0report-status").Flush().ToArray();
        Assert.DoesNotContain("\nok refs/heads/copy", Post("git-receive-pack", ReceiveRequest, noPack).BodyText);
        byte[] badName = new PktBytes().Text($"{_tip} {_tip} refs/heads/../../config\0report-status").Flush().ToArray();
        Assert.Equal(200, Post("git-receive-pack", ReceiveRequest, badName).Status);
        byte[] badCommand = new PktBytes().Text($"{zero} refs/heads/x\0report-status").Flush().ToArray();
        Assert.Equal(400, Post("git-receive-pack", ReceiveRequest, badCommand).Status);
        Assert.Equal(before, Refs());
        Assert.False(File.Exists(Path.Combine(_backend.GitDirectory, "config.lock")));
        GitCommandLine.Script(_backend.GitDirectory, "git fsck --strict --no-dangling");
    }
}
