using Islet.Dns.Security;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Security;

public sealed class TsigKeyTests
{
    [Fact]
    public void Parses_nsupdate_y_syntax_with_and_without_algorithm()
    {
        TsigKey full = TsigKey.Parse("hmac-sha256:Key.Example:AQID");
        Assert.Equal(DnsName.Parse("key.example."), full.Name);
        Assert.Equal(TsigKey.HmacSha256, full.Algorithm);
        Assert.Equal(new byte[] { 1, 2, 3 }, full.Secret.ToArray());
        Assert.Equal(32, full.MacLength);
        TsigKey bare = TsigKey.Parse("k:AQID");
        Assert.Equal(TsigKey.HmacSha256, bare.Algorithm);
        Assert.Equal(DnsName.Parse("k."), bare.Name);
        TsigKey sha1 = TsigKey.Parse("hmac-sha1:k:AQID");
        Assert.Equal(TsigKey.HmacSha1, sha1.Algorithm);
        Assert.Equal(20, sha1.MacLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nokey")]
    [InlineData("a:b:c:d")]
    [InlineData("hmac-md5:k:AQID")]
    [InlineData("k:not base64!")]
    [InlineData("k:")]
    [InlineData("hmac-sha256:bad..name:AQID")]
    public void Rejects_malformed_key_text(string text)
    {
        Assert.False(TsigKey.TryParse(text, out TsigKey? key));
        Assert.Null(key);
        Assert.Throws<FormatException>(() => TsigKey.Parse(text));
    }

    [Fact]
    public void Keyring_finds_keys_case_insensitively_and_rejects_duplicates()
    {
        var ring = new TsigKeyring(TsigKey.Parse("a.example:AQID"), TsigKey.Parse("b.example:AQID"));
        Assert.True(ring.TryGetKey(DnsName.Parse("A.EXAMPLE."), out TsigKey? key));
        Assert.Equal(DnsName.Parse("a.example."), key.Name);
        Assert.False(ring.TryGetKey(DnsName.Parse("c.example."), out _));
        Assert.Throws<ArgumentException>(() => new TsigKeyring(TsigKey.Parse("a:AQID"), TsigKey.Parse("A:BAUG")));
    }
}
