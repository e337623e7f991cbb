using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Tests.Packs;

/// <summary>Seeded mutations of a real pack and index: only <see cref="GitPackException"/> may escape.</summary>
public sealed class PackFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Iterations = 100_000;

    [ToolFact("git", "git")]
    public void Mutated_packs_and_indexes_give_only_pack_exceptions()
    {
        var repo = new GitRepository();
        for (int c = 0; c < 12; c++)
        {
            File.WriteAllText(Path.Combine(repo.Path, "a.txt"), string.Join('\n', Enumerable.Range(0, 40).Select(i => i == c * 3 ? $"changed {c}" : $"line {i}")));
            File.WriteAllText(Path.Combine(repo.Path, $"b{c % 3}.txt"), $"b {c}\n");
            repo.Git("add", "-A");
            repo.Git("commit", "-q", "-m", $"c{c}");
        }
        repo.Git("gc", "-q", "--aggressive", "--prune=now");
        string packPath = Directory.GetFiles(repo.PackDirectory, "*.pack").Single();
        byte[] goodPack = File.ReadAllBytes(packPath);
        byte[] goodIndex = File.ReadAllBytes(Path.ChangeExtension(packPath, ".idx"));
        GitObjectId[] ids = PackFile.Parse(goodPack, PackIndex.Parse(goodIndex)).Ids.ToArray();

        var random = new Random(20261122);
        int accepted = 0, refused = 0;
        var errors = new Dictionary<GitPackError, int>();
        for (int i = 0; i < Iterations; i++)
        {
            byte[] pack = (byte[])goodPack.Clone();
            byte[] index = (byte[])goodIndex.Clone();
            int target = random.Next(4);
            if (target != 1) pack = Mutate(pack, random);
            if (target != 0) index = Mutate(index, random);
            if (random.Next(10) != 0)
                FixChecksums(pack, index);
            try
            {
                PackFile file = PackFile.Parse(pack, PackIndex.Parse(index));
                foreach (GitObjectId id in file.Ids.Concat(ids.Take(3)))
                    file.TryRead(id, out _, out _);
                if (i % 2 == 0)
                    file.Verify();
                accepted++;
            }
            catch (GitPackException e)
            {
                refused++;
                errors[e.Error] = errors.GetValueOrDefault(e.Error) + 1;
            }
        }
        Assert.Equal(Iterations, accepted + refused);
        output.WriteLine($"accepted {accepted}; " + string.Join(", ", errors.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")));
        Assert.True(refused > Iterations / 2, $"{refused} refused");
        // The mutations reach past the checksums into entries and delta bases. (Delta instructions sit behind
        // zlib's Adler-32, so byte mutations rarely reach them: Delta_mutations_give_only_pack_exceptions covers those.)
        foreach (GitPackError error in new[] { GitPackError.BadIndex, GitPackError.BadEntry, GitPackError.BadCompression, GitPackError.BadDeltaBase, GitPackError.HashMismatch })
            Assert.True(errors.GetValueOrDefault(error) > 0, $"no {error}");
    }

    private static byte[] Mutate(byte[] data, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                return data[..random.Next(data.Length)];
            case 1:
                int at = random.Next(data.Length + 1);
                return [.. data[..at], (byte)random.Next(256), .. data[at..]];
            case 2:
                int cut = random.Next(data.Length);
                return [.. data[..cut], .. data[(cut + 1)..]];
            default:
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    int position = random.Next(data.Length);
                    data[position] = random.Next(3) switch { 0 => 0, 1 => 0xff, _ => (byte)(data[position] ^ (1 << random.Next(8))) };
                }
                return data;
        }
    }

    private static void FixChecksums(byte[] pack, byte[] index)
    {
        if (pack.Length < 40 || index.Length < 40)
            return;
        TestPack.FixChecksum(pack);
        pack.AsSpan(pack.Length - 20).CopyTo(index.AsSpan(index.Length - 40));
        TestPack.FixChecksum(index);
    }
}
