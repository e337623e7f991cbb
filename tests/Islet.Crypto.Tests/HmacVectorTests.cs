using System.Text;

namespace Islet.Crypto.Tests;

/// <summary>Known answers from RFC 4231 §4 (HMAC-SHA-256) and RFC 2202 §3 (HMAC-SHA-1).</summary>
public sealed class HmacVectorTests
{
    private static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    public static TheoryData<byte[], byte[], string> Rfc4231 => new()
    {
        { Repeat(0x0b, 20), Encoding.ASCII.GetBytes("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { Repeat(0xaa, 20), Repeat(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { Convert.FromHexString("0102030405060708090a0b0c0d0e0f10111213141516171819"), Repeat(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { Repeat(0xaa, 131), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { Repeat(0xaa, 131), Encoding.ASCII.GetBytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void HmacSha256_matches_rfc_4231(byte[] key, byte[] data, string hex)
    {
        byte[] mac = new byte[32];
        HmacSha256.HashData(key, data, mac);
        Assert.Equal(hex, Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void HmacSha256_rfc_4231_case_5_truncated_to_128_bits()
    {
        byte[] mac = new byte[32];
        HmacSha256.HashData(Repeat(0x0c, 20), Encoding.ASCII.GetBytes("Test With Truncation"), mac);
        Assert.Equal("a3b6167473100ee06e0c796c2955552b", Convert.ToHexStringLower(mac.AsSpan(0, 16)));
    }

    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00")]
    [InlineData("4a656665", "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")]
    public void HmacSha1_matches_rfc_2202(string keyHex, string data, string hex)
    {
        byte[] mac = new byte[20];
        HmacSha1.HashData(Convert.FromHexString(keyHex), Encoding.ASCII.GetBytes(data), mac);
        Assert.Equal(hex, Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Finish_starts_the_next_message_under_the_same_key()
    {
        var hmac = new HmacSha256("Jefe"u8);
        byte[] first = new byte[32], second = new byte[32];
        hmac.Append("what do ya want "u8);
        hmac.Append("for nothing?"u8);
        hmac.Finish(first);
        hmac.Append("what do ya want for nothing?"u8);
        hmac.Finish(second);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public void FixedTimeEquals_compares_contents_and_lengths()
    {
        Assert.True(CryptoBytes.FixedTimeEquals([1, 2, 3], [1, 2, 3]));
        Assert.False(CryptoBytes.FixedTimeEquals([1, 2, 3], [1, 2, 4]));
        Assert.False(CryptoBytes.FixedTimeEquals([0, 2, 3], [1, 2, 3]));
        Assert.False(CryptoBytes.FixedTimeEquals([1, 2], [1, 2, 3]));
        Assert.True(CryptoBytes.FixedTimeEquals([], []));
    }
}
