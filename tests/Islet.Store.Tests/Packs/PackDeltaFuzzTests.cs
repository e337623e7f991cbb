using System.Text;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Tests.Packs;

/// <summary>Seeded mutations of delta instructions, applied directly: a result or a <see cref="GitPackException"/>, nothing else.</summary>
public sealed class PackDeltaFuzzTests
{
    [Fact]
    public void Delta_mutations_give_only_pack_exceptions()
    {
        byte[] source = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}\n")));
        // Copy 0..100, insert 5, copy 120..(end), copy with 3 offset bytes and 2 size bytes.
        byte[] good = TestPack.Delta(source.Length, 100 + 5 + (source.Length - 120) + 16,
            [0x90, 100, 5, .. "hello"u8, 0x91, 120, (byte)(source.Length - 120), 0xb7, 1, 0, 0, 16, 0]);
        Assert.Equal(100 + 5 + (source.Length - 120) + 16, PackDelta.Apply(source, good, 1 << 20).Length);

        var random = new Random(7);
        int results = 0, refused = 0;
        for (int i = 0; i < 100_000; i++)
        {
            byte[] delta = (byte[])good.Clone();
            for (int n = random.Next(1, 4); n > 0; n--)
                delta[random.Next(delta.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0)
                delta = delta[..random.Next(delta.Length)];
            try
            {
                PackDelta.Apply(source, delta, 1 << 20);
                results++;
            }
            catch (GitPackException e)
            {
                Assert.Equal(GitPackError.BadDelta, e.Error);
                refused++;
            }
        }
        Assert.True(refused > 50_000 && results > 0, $"{results} results, {refused} refused");
    }
}
