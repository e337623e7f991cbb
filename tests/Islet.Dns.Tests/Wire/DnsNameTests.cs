using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

public sealed class DnsNameTests
{
    [Theory]
    [InlineData("www.example.com.", "www.example.com.", 3)]
    [InlineData("www.example.com", "www.example.com.", 3)]
    [InlineData(".", ".", 0)]
    [InlineData("a\\.b.example.", "a\\.b.example.", 2)]
    [InlineData("\\065\\066c.", "ABc.", 1)]
    [InlineData("sp\\032ace.", "sp\\032ace.", 1)]
    [InlineData("x\\\\y.", "x\\\\y.", 1)]
    public void Parses_and_prints_presentation_format(string text, string printed, int labels)
    {
        DnsName name = DnsName.Parse(text);
        Assert.Equal(printed, name.ToString());
        Assert.Equal(labels, name.LabelCount);
        Assert.Equal(name, DnsName.Parse(name.ToString()));
    }

    [Theory]
    [InlineData("a..b.")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a\\25")]
    [InlineData("a\\256.")]
    [InlineData("caf\u00e9.")]
    public void Rejects_bad_text(string text) => Assert.Throws<DnsFormatException>(() => DnsName.Parse(text));

    [Fact]
    public void Enforces_label_and_name_limits()
    {
        string label63 = new('a', 63);
        Assert.Equal(65, DnsName.Parse(label63 + ".").WireLength);
        Assert.Throws<DnsFormatException>(() => DnsName.Parse(new string('a', 64) + "."));
        // 4 labels of 63 + 1 of 1: 4*64 + 2 + 1 = 259 > 255; 3*64 + 62 + 1 = 255 fits.
        string fits = $"{label63}.{label63}.{label63}.{new string('b', 61)}.";
        Assert.Equal(255, DnsName.Parse(fits).WireLength);
        Assert.Throws<DnsFormatException>(() => DnsName.Parse($"{label63}.{label63}.{label63}.{new string('b', 62)}."));
    }

    [Fact]
    public void Equality_ignores_ascii_case_only()
    {
        Assert.Equal(DnsName.Parse("WWW.Example.COM."), DnsName.Parse("www.example.com."));
        Assert.Equal(DnsName.Parse("WWW.Example.COM.").GetHashCode(), DnsName.Parse("www.example.com.").GetHashCode());
        Assert.NotEqual(DnsName.Parse("\\200."), DnsName.Parse("\\232."));
        Assert.NotEqual(DnsName.Parse("www.example.com."), DnsName.Parse("www.example.org."));
    }

    [Fact]
    public void Sorts_in_canonical_order_of_rfc4034()
    {
        // The example list of RFC 4034 §6.1, in order.
        string[] ordered = ["example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.", "\\001.z.example.", "*.z.example.", "\\200.z.example."];
        DnsName[] names = ordered.Select(t => DnsName.Parse(t)).Reverse().ToArray();
        Array.Sort(names);
        Assert.Equal(ordered.Select(t => DnsName.Parse(t).ToString()), names.Select(n => n.ToString()));
    }

    [Fact]
    public void Knows_parents_subdomains_and_wildcards()
    {
        DnsName www = DnsName.Parse("www.Example.com.");
        Assert.Equal(DnsName.Parse("example.com."), www.Parent);
        Assert.True(www.IsSubdomainOf(DnsName.Parse("EXAMPLE.com.")));
        Assert.True(www.IsSubdomainOf(www));
        Assert.True(www.IsSubdomainOf(DnsName.Root));
        Assert.False(www.IsSubdomainOf(DnsName.Parse("ww.example.com.")));
        Assert.False(DnsName.Parse("example.com.").IsSubdomainOf(www));
        Assert.False(DnsName.Parse("xexample.com.").IsSubdomainOf(DnsName.Parse("example.com.")));
        Assert.True(DnsName.Parse("*.example.com.").IsWildcard);
        Assert.False(www.IsWildcard);
        Assert.True(DnsName.Root.IsRoot);
        Assert.Throws<InvalidOperationException>(() => DnsName.Root.Parent);
        Assert.Equal("www", System.Text.Encoding.ASCII.GetString(www.GetLabel(0)));
    }

    [Fact]
    public void Completes_relative_names_with_the_origin()
    {
        DnsName origin = DnsName.Parse("example.com.");
        Assert.Equal("www.example.com.", DnsName.Parse("www", origin).ToString());
        Assert.Equal("www.", DnsName.Parse("www.", origin).ToString());
    }
}
