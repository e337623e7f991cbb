using System.Text;

namespace Islet.Crypto.Tests;

/// <summary>Known answers from FIPS 180-2 Appendix B / C (and the NIST example values).</summary>
public sealed class HashVectorTests
{
    private static string Sha256Hex(byte[] data)
    {
        byte[] digest = new byte[32];
        Sha256.HashData(data, digest);
        return Convert.ToHexStringLower(digest);
    }

    private static string Sha1Hex(byte[] data)
    {
        byte[] digest = new byte[20];
        Sha1.HashData(data, digest);
        return Convert.ToHexStringLower(digest);
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_matches_fips_180_vectors(string text, string hex) =>
        Assert.Equal(hex, Sha256Hex(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Sha256_of_a_million_a_matches_fips_180()
    {
        var hash = new Sha256();
        byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
        for (int i = 0; i < 1000; i++)
            hash.Append(chunk);
        byte[] digest = new byte[32];
        hash.Finish(digest);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(digest));
    }

    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void Sha1_matches_fips_180_vectors(string text, string hex) =>
        Assert.Equal(hex, Sha1Hex(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Finish_resets_for_the_next_message_and_default_is_a_fresh_hash()
    {
        Sha256 hash = default;
        hash.Append("abc"u8);
        byte[] first = new byte[32], second = new byte[32];
        hash.Finish(first);
        hash.Append("abc"u8);
        hash.Finish(second);
        Assert.Equal(first, second);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(second));
    }

    [Fact]
    public void Short_destination_is_rejected()
    {
        byte[] small = new byte[31];
        Assert.Throws<ArgumentException>(() => Sha256.HashData("abc"u8, small));
        Assert.Throws<ArgumentException>(() => Sha1.HashData("abc"u8, small.AsSpan(0, 19)));
    }
}
