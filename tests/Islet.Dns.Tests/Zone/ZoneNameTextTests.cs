using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Tests.Zone;

public sealed class ZoneNameTextTests
{
    [Theory]
    [InlineData("a.", true)]
    [InlineData(".", true)]
    [InlineData("a", false)]
    [InlineData(@"a\.", false)]
    [InlineData(@"a\\.", true)]
    [InlineData(@"a\046", false)]
    [InlineData(@"a\046.", true)]
    public void Absolute_means_an_unescaped_final_dot(string name, bool absolute)
    {
        Assert.Equal(absolute, ZoneNameText.IsAbsolute(name));
    }

    [Theory]
    [InlineData("www", "example.", "www.example.")]
    [InlineData("www", ".", "www.")]
    [InlineData("@", "example.", "example.")]
    [InlineData("www.example.org.", "example.", "www.example.org.")]
    [InlineData(@"a\.b", "example.", @"a\.b.example.")]
    [InlineData("*", "Example.COM.", "*.Example.COM.")]
    public void Relative_names_get_the_origin_and_keep_their_spelling(string name, string origin, string expected)
    {
        Assert.Null(ZoneNameText.TryMakeAbsolute(name, origin, out string absolute));
        Assert.Equal(expected, absolute);
    }
}
