using SystemHmacSha256 = System.Security.Cryptography.HMACSHA256;
using SystemSha1 = System.Security.Cryptography.SHA1;
using SystemSha256 = System.Security.Cryptography.SHA256;

namespace Islet.Crypto.Tests;

/// <summary>Random inputs of 0..2000 bytes, appended in random pieces, against System.Security.Cryptography.</summary>
public sealed class RandomizedComparisonTests
{
    private const int Cases = 600;

    private static List<int> Splits(Random random, int length)
    {
        var points = new List<int> { 0, length };
        int count = random.Next(0, 6);
        for (int i = 0; i < count; i++)
            points.Add(random.Next(0, length + 1));
        points.Sort();
        return points;
    }

    [Fact]
    public void Sha256_matches_the_platform_for_random_lengths_and_splits() =>
        MatchesThePlatform(new Sha256(), seed: 256, SystemSha256.HashData);

    [Fact]
    public void Sha1_matches_the_platform_for_random_lengths_and_splits() =>
        MatchesThePlatform(new Sha1(), seed: 160, SystemSha1.HashData);

    private static void MatchesThePlatform<THash>(THash hash, int seed, Func<byte[], byte[]> reference)
        where THash : IIncrementalHash
    {
        var random = new Random(seed);
        byte[] ours = new byte[THash.DigestLength];
        for (int n = 0; n < Cases; n++)
        {
            byte[] data = new byte[random.Next(0, 2001)];
            random.NextBytes(data);
            List<int> points = Splits(random, data.Length);
            for (int i = 1; i < points.Count; i++)
                hash.Append(data.AsSpan(points[i - 1], points[i] - points[i - 1]));
            hash.Finish(ours);
            Assert.Equal(reference(data), ours);
        }
    }

    [Fact]
    public void HmacSha256_matches_the_platform_for_random_keys_lengths_and_splits()
    {
        var random = new Random(4231);
        byte[] ours = new byte[32];
        for (int n = 0; n < Cases; n++)
        {
            byte[] key = new byte[random.Next(0, 200)];
            random.NextBytes(key);
            byte[] data = new byte[random.Next(0, 2001)];
            random.NextBytes(data);
            var hmac = new HmacSha256(key);
            List<int> points = Splits(random, data.Length);
            for (int i = 1; i < points.Count; i++)
                hmac.Append(data.AsSpan(points[i - 1], points[i] - points[i - 1]));
            hmac.Finish(ours);
            Assert.Equal(SystemHmacSha256.HashData(key, data), ours);
        }
    }

    [Fact]
    public void Hashing_path_does_not_allocate()
    {
        byte[] data = new byte[1500], digest = new byte[32];
        var hmac = new HmacSha256(new byte[100]);
        var hash = new Sha256();
        hash.Append(data);
        hash.Finish(digest);
        hmac.Append(data);
        hmac.Finish(digest);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            hash.Append(data);
            hash.Finish(digest);
            hmac.Append(data);
            hmac.Finish(digest);
            Sha1.HashData(data, digest);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

public sealed class HmacSha1ComparisonTests
{
    [Fact]
    public void HmacSha1_matches_the_platform_for_random_keys_and_lengths()
    {
        var random = new Random(2202);
        byte[] ours = new byte[20];
        for (int n = 0; n < 300; n++)
        {
            byte[] key = new byte[random.Next(0, 200)], data = new byte[random.Next(0, 2001)];
            random.NextBytes(key);
            random.NextBytes(data);
            HmacSha1.HashData(key, data, ours);
            Assert.Equal(System.Security.Cryptography.HMACSHA1.HashData(key, data), ours);
        }
    }
}
