using Islet.Dns.Zone;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneFileErrorTests
{
    /// <summary>Two good lines, so the error is on line 3 or later.</summary>
    private const string Prefix = "$TTL 1\nok.example. A 192.0.2.1\n";

    [Theory]
    [InlineData("a. A 1 (\n2\n", 3, "unbalanced parenthesis")]
    [InlineData("a. A 1\n\n) A 2\n", 5, "unbalanced parenthesis")]
    [InlineData("a. A ( 1\n( 2 ) )\n", 4, "nested parenthesis")]
    [InlineData("www A 1\n", 3, "relative name 'www' with no $ORIGIN")]
    [InlineData("@ A 1\n", 3, "'@' with no $ORIGIN")]
    [InlineData("a. MB x.\n", 3, "unknown type 'MB'")]
    [InlineData("a. 1 IN\n", 3, "missing type")]
    [InlineData("a. 1 IN \"A\" 1\n", 3, "unknown type 'A'")]
    [InlineData("a. 1x A 1\n", 3, "bad TTL '1x'")]
    [InlineData("a. 2147483648 A 1\n", 3, "bad TTL '2147483648'")]
    [InlineData("a. 1 CLASS65536 A 1\n", 3, "unknown class 'CLASS65536'")]
    [InlineData("a. 1 TYPE65536 1\n", 3, "unknown type 'TYPE65536'")]
    [InlineData("a. TXT \"abc\n", 3, "unterminated quoted string")]
    [InlineData("a. TXT abc\\", 3, "backslash at the end of a line")]
    [InlineData("a. TXT abc\\\nb", 3, "backslash at the end of a line")]
    [InlineData("\"a.\" A 1\n", 3, "quoted string \"a.\" where a name was expected")]
    [InlineData("a..b. A 1\n", 3, "empty label in 'a..b.'")]
    [InlineData("a\\256. A 1\n", 3, "bad escape in 'a\\256.'")]
    [InlineData("a\\25. A 1\n", 3, "bad escape in 'a\\25.'")]
    [InlineData("$ORIGIN foo\n", 3, "$ORIGIN 'foo' is not an absolute name")]
    [InlineData("$ORIGIN a. b.\n", 3, "$ORIGIN takes one name")]
    [InlineData("$TTL\n", 3, "$TTL takes one TTL")]
    [InlineData("$TTL 1y\n", 3, "bad TTL '1y'")]
    [InlineData("$GENERATE 1-2 a$ A 1\n", 3, "unknown directive '$GENERATE'")]
    [InlineData("$INCLUDE other.zone\n", 3, "$INCLUDE is disabled (sealed images have no filesystem; set ZoneFileOptions.AllowInclude)")]
    [InlineData("$INCLUDE\n", 3, "$INCLUDE takes a file name and an optional origin")]
    public void Bad_input_is_a_zone_file_exception_with_its_line(string text, int line, string reason)
    {
        var e = Assert.Throws<ZoneFileException>(() => new ZoneFileReader().Read(Prefix + text));
        Assert.Equal(line, e.Line);
        Assert.StartsWith(reason, e.Reason);
        Assert.Equal($"line {line}: {e.Reason}", e.Message);
        Assert.Null(e.FileName);
    }

    [Fact]
    public void A_blank_owner_with_no_previous_owner_is_an_error()
    {
        var e = Assert.Throws<ZoneFileException>(() => new ZoneFileReader().Read("\n  1 IN A 1\n"));
        Assert.Equal("line 2: no previous owner for a line that starts with a blank", e.Message);
    }

    [Fact]
    public void A_missing_ttl_with_no_default_is_an_error()
    {
        var e = Assert.Throws<ZoneFileException>(() => new ZoneFileReader().Read("a. A 1\n"));
        Assert.Equal("line 1: no TTL, no $TTL and no previous TTL", e.Message);
    }

    [Fact]
    public void Errors_inside_parentheses_name_the_line_of_the_token()
    {
        var e = Assert.Throws<ZoneFileException>(() => new ZoneFileReader().Read("a. (\n 1\n IN\n FOO )\n"));
        Assert.Equal("line 4: unknown type 'FOO'", e.Message);
    }

    [Fact]
    public void Labels_over_63_bytes_and_names_over_255_bytes_are_errors()
    {
        var reader = new ZoneFileReader(new ZoneFileOptions { DefaultTtl = 1 });
        string label63 = new('a', 63);
        Assert.Single(reader.Read(label63 + ". A 1"));
        Assert.Contains("label longer than 63 bytes", Assert.Throws<ZoneFileException>(() => reader.Read(label63 + "a. A 1")).Message);
        // An escaped byte counts once; a UTF-8 character counts its bytes.
        Assert.Single(reader.Read(@"\097" + new string('a', 62) + ". A 1"));
        Assert.Contains("label longer than 63 bytes", Assert.Throws<ZoneFileException>(() => reader.Read("é" + new string('a', 62) + ". A 1")).Message);

        string name253 = string.Join('.', Enumerable.Repeat(label63, 3)) + "." + new string('b', 61) + ".";
        Assert.Single(reader.Read(name253 + " A 1"));
        Assert.Contains("name longer than 255 bytes", Assert.Throws<ZoneFileException>(() => reader.Read("c." + name253 + " A 1")).Message);
    }
}
