using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class Ipv4AddressTests
{
    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("192.168.1.10", 0xC0A8010Au)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    [InlineData("10.0.0.1", 0x0A000001u)]
    public void ParsesAndFormats(string text, uint value)
    {
        Assert.True(Ipv4Address.TryParse(text, out var a));
        Assert.Equal(value, a.Value);
        Assert.Equal(text, a.ToString());
        Assert.Equal(a, Ipv4Address.Parse(text.AsSpan()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0.0")]
    [InlineData("01.2.3.4")]
    [InlineData("1..3.4")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1.2.3.-4")]
    [InlineData("1.2.3.1000")]
    [InlineData("a.b.c.d")]
    [InlineData(null)]
    public void RejectsMalformed(string? text)
    {
        Assert.False(Ipv4Address.TryParse(text, out _));
    }

    [Fact]
    public void WritesAndReadsWireBytes()
    {
        var a = new Ipv4Address(1, 2, 3, 4);
        Span<byte> buf = stackalloc byte[4];
        Assert.True(a.TryWrite(buf));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, buf.ToArray());
        Assert.Equal(a, Ipv4Address.Read(buf));
        Assert.False(a.TryWrite(stackalloc byte[3]));
    }

    [Fact]
    public void TryFormatReportsShortBuffer()
    {
        var a = Ipv4Address.Broadcast;
        Assert.False(a.TryFormat(stackalloc char[14], out _));
        Span<char> ok = stackalloc char[15];
        Assert.True(a.TryFormat(ok, out int n));
        Assert.Equal("255.255.255.255", new string(ok[..n]));
    }

    [Fact]
    public void Classification()
    {
        Assert.True(Ipv4Address.Any.IsUnspecified);
        Assert.True(Ipv4Address.Broadcast.IsBroadcast);
        Assert.True(Ipv4Address.Parse("224.0.0.251").IsMulticast);
        Assert.True(Ipv4Address.Parse("127.0.0.1").IsLoopback);
        Assert.False(Ipv4Address.Parse("192.168.0.1").IsMulticast);
    }

    [Fact]
    public void FuzzParseNeverThrowsAndRoundTrips()
    {
        var rng = new Random(99);
        const string alphabet = "0123456789.";
        var chars = new char[20];
        for (int i = 0; i < 100_000; i++)
        {
            int len = rng.Next(chars.Length + 1);
            for (int j = 0; j < len; j++) chars[j] = alphabet[rng.Next(alphabet.Length)];
            if (Ipv4Address.TryParse(chars.AsSpan(0, len), out var a))
                Assert.Equal(new string(chars, 0, len), a.ToString());
        }
    }
}
