using Islet.Dns.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneIncludeTests
{
    private static ZoneFileReader WithFiles(Dictionary<string, string> files, int depth = 8) => new(new ZoneFileOptions
    {
        AllowInclude = true,
        MaxIncludeDepth = depth,
        IncludeResolver = name => files.TryGetValue(name, out string? text) ? new StringReader(text) : throw new FileNotFoundException("no such file", name),
    });

    [Fact]
    public void Include_is_refused_by_default()
    {
        var e = Assert.Throws<ZoneFileException>(() => new ZoneFileReader().Read("$ORIGIN example.\n$INCLUDE sub.zone\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("sealed images have no filesystem", e.Message);
    }

    [Fact]
    public void Include_reads_through_the_resolver_with_its_origin_then_restores_the_outer_origin_and_owner()
    {
        var files = new Dictionary<string, string> { ["sub.zone"] = "; the sub zone\n@ A 192.0.2.1\nwww A 192.0.2.2\n" };
        IReadOnlyList<ZoneEntry> e = WithFiles(files).Read("$ORIGIN example.\n$TTL 60\nhost A 1\n$INCLUDE \"sub.zone\" sub.example. ; comment\n  A 2\nafter A 3\n");
        Assert.Equal(
            ["host.example.", "sub.example.", "www.sub.example.", "host.example.", "after.example."],
            e.Select(x => x.Owner));
        Assert.Equal(("sub.zone", 2, "sub.example."), (e[1].FileName, e[1].Line, e[1].Origin));
        Assert.Equal(("sub.zone", 3), (e[2].FileName, e[2].Line));
        Assert.Equal((null, 5, "example."), (e[3].FileName, e[3].Line, e[3].Origin));
        Assert.All(e, x => Assert.Equal(60u, x.Ttl));
    }

    [Fact]
    public void Include_without_an_origin_keeps_the_current_origin()
    {
        var files = new Dictionary<string, string> { ["a"] = "x A 1\n" };
        Assert.Equal("x.example.", WithFiles(files).Read("$ORIGIN example.\n$TTL 1\n$INCLUDE a\n")[0].Owner);
    }

    [Fact]
    public void Errors_in_an_included_file_name_the_file_and_its_line()
    {
        var files = new Dictionary<string, string> { ["bad.zone"] = "ok A 1\nbad A ( 1\n" };
        var e = Assert.Throws<ZoneFileException>(() => WithFiles(files).Read("$TTL 1\n$INCLUDE bad.zone example.\n"));
        Assert.Equal("bad.zone line 2: unbalanced parenthesis", e.Message);
        Assert.Equal(("bad.zone", 2), (e.FileName, e.Line));
    }

    [Fact]
    public void A_missing_file_is_a_zone_file_exception_on_the_include_line()
    {
        var e = Assert.Throws<ZoneFileException>(() => WithFiles([]).Read("\n$INCLUDE missing.zone\n"));
        Assert.Equal(2, e.Line);
        Assert.StartsWith("$INCLUDE 'missing.zone' could not be read", e.Reason);
        Assert.IsType<FileNotFoundException>(e.InnerException);
    }

    [Fact]
    public void A_file_including_itself_stops_at_the_depth_limit()
    {
        var files = new Dictionary<string, string> { ["loop"] = "$INCLUDE loop\n" };
        var e = Assert.Throws<ZoneFileException>(() => WithFiles(files, depth: 3).Read("$INCLUDE loop\n"));
        Assert.Equal("loop line 1: $INCLUDE nested more than 3 deep", e.Message);
    }

    [Fact]
    public void Include_allowed_without_a_resolver_is_an_error()
    {
        var reader = new ZoneFileReader(new ZoneFileOptions { AllowInclude = true });
        Assert.Contains("IncludeResolver", Assert.Throws<ZoneFileException>(() => reader.Read("$INCLUDE x\n")).Message);
    }

    [Fact]
    public void Include_origin_must_be_absolute()
    {
        var e = Assert.Throws<ZoneFileException>(() => WithFiles([]).Read("$INCLUDE x sub\n"));
        Assert.Equal("line 1: $INCLUDE origin 'sub' is not an absolute name", e.Message);
    }
}
