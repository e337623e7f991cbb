using System.Text;
using Islet.Crunch;
using Xunit;

namespace Islet.Platform.Tests.Content;

public sealed class CrunchTests : IDisposable
{
    private readonly ContentFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private string Generate(long epoch = 1_700_000_000) =>
        BakedContentWriter.Generate(ContentFolder.Crunch(_fixture.Folder, epoch), "site", "Islet.Generated", "SiteContent");

    [Fact]
    public void Same_folder_generates_identical_source()
    {
        var first = Generate();
        // Touching files changes nothing when the time comes from SOURCE_DATE_EPOCH.
        File.SetLastWriteTimeUtc(_fixture.PathOf("index.html"), DateTime.UtcNow.AddDays(1));
        Assert.Equal(first, Generate());
    }

    [Fact]
    public void Source_is_ascii_with_unix_newlines_and_hex_bytes()
    {
        var text = Generate();
        Assert.All(text, c => Assert.True(c is '\n' or (>= ' ' and <= '~'), $"char {(int)c}"));
        Assert.DoesNotContain('\r', text);
        Assert.Contains("internal static class SiteContent", text);
        Assert.Contains("public const string Name = \"site\";", text);
        Assert.Contains("BakedKeyValueStore.FromStaticData(Blob, Entries())", text);
        Assert.Contains("private static global::System.ReadOnlySpan<ulong> Blob => new ulong[]", text);
        Assert.Contains("        // img/all-bytes.png\n        0x0706050403020100UL, 0x0F0E0D0C0B0A0908UL,", text);
        var longest = text.Split('\n').Where(l => l.TrimStart().StartsWith("0x", StringComparison.Ordinal)).Max(l => l.Split(',').Length - 1);
        Assert.Equal(4, longest);
    }

    [Fact]
    public void Values_start_on_words_and_the_blob_is_whole_words()
    {
        var content = ContentFolder.Crunch(_fixture.Folder, 0);
        Assert.Equal(0, content.Blob.Length % 8);
        Assert.All(content.Entries, e => Assert.Equal(0, e.Offset % 8));
        Assert.All(content.Entries.Where(e => e.HasGzip), e => Assert.Equal(0, e.GzipOffset % 8));
    }

    [Fact]
    public void Source_escapes_keys_as_string_literals()
    {
        _fixture.Write("quote\"and\u00e9.txt", "x"u8.ToArray());
        var text = Generate();
        Assert.Contains("new(\"quote\\\"and\\u00E9.txt\", ", text);
    }

    [Fact]
    public void Gzip_headers_carry_no_time_and_an_unknown_os()
    {
        var gzip = DeterministicGzip.Compress(Encoding.UTF8.GetBytes(ContentFixture.SiteCss));
        Assert.Equal([0x1F, 0x8B, 8, 0, 0, 0, 0, 0], gzip[..8]);
        Assert.Equal(255, gzip[9]);
    }

    [Fact]
    public void Gzip_of_nothing_is_a_valid_empty_member()
    {
        var gzip = DeterministicGzip.Compress([]);
        using var stream = new System.IO.Compression.GZipStream(new MemoryStream(gzip), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(-1, stream.ReadByte());
        Assert.Equal(20, gzip.Length);
    }

    [Fact]
    public void Links_are_followed_but_directory_cycles_are_refused()
    {
        File.CreateSymbolicLink(_fixture.PathOf("home.html"), "index.html");
        Directory.CreateSymbolicLink(_fixture.PathOf("styles"), "css");
        var keys = ContentFolder.Enumerate(_fixture.Folder).Select(f => f.Key).ToArray();
        Assert.Contains("home.html", keys);
        Assert.Contains("styles/site.css", keys);

        Directory.CreateSymbolicLink(_fixture.PathOf("a/b/up"), "..");
        var e = Assert.Throws<ContentFolderException>(() => ContentFolder.Enumerate(_fixture.Folder));
        Assert.Contains("'a/b/up' is a directory link that leads back", e.Message);
    }

    [Fact]
    public void Last_modified_is_the_newest_file_time_without_an_epoch()
    {
        var newest = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_fixture.PathOf("css/site.css"), newest);
        var content = ContentFolder.Crunch(_fixture.Folder);
        var expected = new DateTimeOffset(newest).ToUnixTimeSeconds();
        Assert.All(content.Entries, e => Assert.Equal(expected, e.LastModifiedUnixSeconds));
    }

    [Fact]
    public void Names_that_are_not_keys_are_refused()
    {
        _fixture.Write("bad\\name.txt", "x"u8.ToArray());
        var e = Assert.Throws<ContentFolderException>(() => ContentFolder.Crunch(_fixture.Folder));
        Assert.Contains("'bad\\name.txt' is not a valid content key", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Writes_only_when_the_text_changes()
    {
        var path = Path.Combine(_fixture.Root, "out", "Site.g.cs");
        Assert.True(BakedContentWriter.WriteIfChanged(path, "a"));
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);
        Assert.False(BakedContentWriter.WriteIfChanged(path, "a"));
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));
        Assert.True(BakedContentWriter.WriteIfChanged(path, "b"));
        Assert.Equal("b", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(null, true, null)]
    [InlineData("", true, null)]
    [InlineData("1700000000", true, 1_700_000_000L)]
    [InlineData("-5", false, null)]
    [InlineData("soon", false, null)]
    public void Reads_source_date_epoch(string? value, bool ok, long? seconds)
    {
        Assert.Equal(ok, CrunchOptions.TryReadSourceDateEpoch(value, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Fact]
    public void Parses_the_command_line()
    {
        var options = CrunchOptions.TryParse(["--folder", "site", "--name", "site", "--namespace", "A.B", "--class", "SiteContent", "--out", "x.g.cs"], out var error);
        Assert.Null(error);
        Assert.Equal(new CrunchOptions("site", "site", "A.B", "SiteContent", "x.g.cs"), options);
        Assert.Null(CrunchOptions.TryParse(["--folder", "site"], out error));
        Assert.Equal("missing option '--name'", error);
        Assert.Null(CrunchOptions.TryParse(["--folder", "site", "--name", "site", "--namespace", "A.B", "--class", "1x", "--out", "x"], out error));
        Assert.Null(CrunchOptions.TryParse(["--bogus", "1"], out error));
    }

    [Fact]
    public void Tool_exits_with_2_and_one_error_line_for_a_bad_name()
    {
        _fixture.Write("bad\\name.txt", "x"u8.ToArray());
        var (code, stderr) = RunTool("--folder", _fixture.Folder, "--name", "site", "--namespace", "N", "--class", "C", "--out", Path.Combine(_fixture.Root, "o.g.cs"));
        Assert.Equal(2, code);
        Assert.Contains(": error ISLET1003: 'bad\\name.txt' is not a valid content key", stderr);
        Assert.False(File.Exists(Path.Combine(_fixture.Root, "o.g.cs")));
    }

    [Fact]
    public void Tool_writes_the_source_file()
    {
        var output = Path.Combine(_fixture.Root, "obj", "Site.g.cs");
        var (code, _) = RunTool("--folder", _fixture.Folder, "--name", "site", "--namespace", "N", "--class", "C", "--out", output);
        Assert.Equal(0, code);
        Assert.Contains("internal static class C", File.ReadAllText(output));
    }

    private static readonly object s_consoleLock = new();

    // Runs the tool's entry point in this process, capturing standard error.
    private static (int Code, string Stderr) RunTool(params string[] args)
    {
        var entry = typeof(ContentFolder).Assembly.EntryPoint!;
        lock (s_consoleLock)
        {
            var error = Console.Error;
            var output = Console.Out;
            var captured = new StringWriter();
            Console.SetError(captured);
            Console.SetOut(TextWriter.Null);
            try
            {
                var code = (int)entry.Invoke(null, [args])!;
                return (code, captured.ToString());
            }
            finally
            {
                Console.SetError(error);
                Console.SetOut(output);
            }
        }
    }
}
