using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Refs;

public sealed class RefFuzzTests
{
    private const string Packed = "# pack-refs with: peeled fully-peeled sorted \n"
        + "0123456789abcdef0123456789abcdef01234567 refs/heads/main\n"
        + "89abcdef0123456789abcdef0123456789abcdef refs/tags/v1\n"
        + "^fedcba9876543210fedcba9876543210fedcba98\n";

    private static readonly byte[] s_interesting = "\n ^#/.@{:~*[\\refs0af\t\r\0\u007f"u8.ToArray();

    [Fact]
    public void Mutated_packed_refs_and_loose_refs_only_raise_GitRefException()
    {
        var random = new Random(20261122);
        byte[][] seeds =
        [
            Encoding.ASCII.GetBytes(Packed),
            "0123456789abcdef0123456789abcdef01234567\n"u8.ToArray(),
            "ref: refs/heads/main\n"u8.ToArray(),
        ];
        int refused = 0;
        for (int round = 0; round < 30_000; round++)
        {
            byte[] seed = seeds[round % seeds.Length];
            byte[] mutated = Mutate(seed, random);
            try
            {
                if (seed == seeds[0])
                {
                    PackedRefs packed = PackedRefs.Parse(mutated, GitHashAlgorithm.Sha1);
                    Assert.Equal(packed.ToText(), PackedRefs.Parse(Encoding.ASCII.GetBytes(packed.ToText()), GitHashAlgorithm.Sha1).ToText());
                }
                else
                {
                    GitRefValue value = GitRefValue.ParseLoose(mutated, GitHashAlgorithm.Sha1, "refs/heads/fuzz");
                    Assert.Equal(value, GitRefValue.ParseLoose(Encoding.ASCII.GetBytes(value.ToLooseText()), GitHashAlgorithm.Sha1, "refs/heads/fuzz"));
                }
            }
            catch (GitRefException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Message));
                refused++;
            }
        }
        Assert.InRange(refused, 1_000, 29_999);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = random.Next(1, 4);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(bytes.Count + 1);
            byte value = random.Next(3) == 0 ? (byte)random.Next(256) : s_interesting[random.Next(s_interesting.Length)];
            switch (random.Next(4))
            {
                case 0 when at < bytes.Count: bytes[at] = value; break;
                case 1 when at < bytes.Count: bytes.RemoveAt(at); break;
                case 2: bytes.Insert(at, value); break;
                default: if (at < bytes.Count) bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }
}
