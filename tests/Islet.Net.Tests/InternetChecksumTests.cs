using Islet.Net.Wire;

namespace Islet.Net.Tests;

public class InternetChecksumTests
{
    [Fact]
    public void Rfc1071ExampleSum()
    {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
        byte[] data = Fuzz.Hex("0001f203f4f5f6f7");
        Assert.Equal(0xddf2, InternetChecksum.Fold(InternetChecksum.Accumulate(0, data)));
        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void RealIpv4HeaderVerifiesAndRecomputes()
    {
        byte[] header = (byte[])Packets.WikipediaIpv4Header.Clone();
        Assert.True(InternetChecksum.Verify(header));
        header[10] = header[11] = 0;
        Assert.Equal(0xB861, InternetChecksum.Compute(header));
    }

    [Fact]
    public void OddLengthPadsWithZero()
    {
        Assert.Equal(InternetChecksum.Compute([0xAB, 0xCD, 0xEF, 0x00]), InternetChecksum.Compute([0xAB, 0xCD, 0xEF]));
        Assert.Equal(0xFFFF, InternetChecksum.Compute([]));
    }

    [Fact]
    public void VectorPathEqualsScalarPathForEveryLengthAndOffset()
    {
        var rng = new Random(42);
        var buffer = new byte[2000 + 8];
        for (int length = 0; length <= 2000; length++)
        {
            rng.NextBytes(buffer);
            int offset = rng.Next(8); // exercise unaligned starts too
            var span = buffer.AsSpan(offset, length);
            ulong start = (ulong)rng.Next(0, 0x1_0000);
            Assert.Equal(
                InternetChecksum.Fold(InternetChecksum.AccumulateScalar(start, span)),
                InternetChecksum.Fold(InternetChecksum.Accumulate(start, span)));
        }
    }

    [Fact]
    public void AllOnesDataDoesNotOverflow()
    {
        var data = new byte[65536];
        Array.Fill(data, (byte)0xFF);
        Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Accumulate(0, data)));
        Assert.Equal(InternetChecksum.Fold(InternetChecksum.AccumulateScalar(0, data)), InternetChecksum.Fold(InternetChecksum.Accumulate(0, data)));
    }

    [Fact]
    public void IncrementalAccumulationOverEvenChunksEqualsWhole()
    {
        var rng = new Random(7);
        var data = new byte[1501];
        rng.NextBytes(data);
        ulong sum = 0;
        int pos = 0;
        while (pos < data.Length)
        {
            int chunk = Math.Min(data.Length - pos, rng.Next(1, 200) * 2);
            sum = InternetChecksum.Accumulate(sum, data.AsSpan(pos, chunk));
            pos += chunk;
        }
        Assert.Equal(InternetChecksum.Compute(data), InternetChecksum.Finish(sum));
    }

    [Fact]
    public void PseudoHeaderMatchesExplicitBytes()
    {
        var src = new Ipv4Address(192, 168, 1, 10);
        var dst = new Ipv4Address(8, 8, 8, 8);
        byte[] pseudo = Fuzz.Hex("c0a8010a08080808 0011 0025");
        Assert.Equal(
            InternetChecksum.Fold(InternetChecksum.Accumulate(0, pseudo)),
            InternetChecksum.Fold(InternetChecksum.PseudoHeaderIpv4(src, dst, IpProtocol.Udp, 0x25)));
    }
}
