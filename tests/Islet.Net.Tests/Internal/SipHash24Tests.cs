using Islet.Net.Internal;
using Xunit;

namespace Islet.Net.Tests.Internal;

public sealed class SipHash24Tests
{
    // The reference vectors of the SipHash paper: key 00 01 .. 0f, message 00 01 .. (n-1).
    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(1, 0x74f839c593dc67fdUL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void MatchesTheReferenceVectors(int length, ulong expected)
    {
        byte[] key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        byte[] message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.Equal(expected, SipHash24.Hash(key, message));
    }

    [Fact]
    public void DependsOnTheKeyAndEveryByte()
    {
        byte[] key = new byte[16];
        byte[] message = new byte[12];
        ulong baseline = SipHash24.Hash(key, message);
        var seen = new HashSet<ulong> { baseline };
        for (int i = 0; i < message.Length; i++)
        {
            message[i] = 1;
            Assert.True(seen.Add(SipHash24.Hash(key, message)));
            message[i] = 0;
        }
        key[15] = 1;
        Assert.True(seen.Add(SipHash24.Hash(key, message)));
    }
}
