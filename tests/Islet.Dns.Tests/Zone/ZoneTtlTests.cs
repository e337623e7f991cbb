using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneTtlTests
{
    [Theory]
    [InlineData("0", 0u)]
    [InlineData("3600", 3600u)]
    [InlineData("1h30m", 5400u)]
    [InlineData("1H30M", 5400u)]
    [InlineData("2w", 1209600u)]
    [InlineData("1d", 86400u)]
    [InlineData("45s", 45u)]
    [InlineData("1w1d1h1m1s", 694861u)]
    [InlineData("30m1h", 5400u)]
    [InlineData("2147483647", 2147483647u)]
    [InlineData("2147483647s", 2147483647u)]
    [InlineData("00010", 10u)]
    public void Parses_seconds_and_bind_units(string text, uint expected)
    {
        Assert.True(ZoneTtl.TryParse(text, out uint ttl));
        Assert.Equal(expected, ttl);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("1h30")]
    [InlineData("1y")]
    [InlineData("-1")]
    [InlineData("1.5h")]
    [InlineData("2147483648")]
    [InlineData("3551w")]
    [InlineData("99999999999999999999999")]
    [InlineData("1h 2m")]
    public void Rejects_malformed_and_too_large_ttls(string text)
    {
        Assert.False(ZoneTtl.TryParse(text, out _));
    }
}
