using Islet.Crypto;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Tests.Packs;

namespace Islet.Store.Tests.Fuzz;

/// <summary>
/// Part of the 1,000,000-input fuzz evidence: mutated packs through <see cref="PackIngester"/>
/// into an in-memory store. Only <see cref="GitPackException"/> may escape, and a refused pack must
/// leave the store exactly as it was (no pack, no import left open). Half the mutants get their
/// trailing checksum fixed so they reach delta resolution.
/// </summary>
public sealed class PackIngestFuzzTests
{
    public const int Iterations = 400_000;

    [Fact]
    public async Task Mutated_packs_are_ingested_or_refused_with_a_pack_error_and_the_store_unchanged()
    {
        var seeds = Seeds();
        var random = new Random(20261122);
        int accepted = 0, refused = 0;
        var options = new PackIngestOptions { MaxObjectSize = 1 << 20, DeltaCacheBytes = 1 << 16, MaxDeltaDepth = 64 };
        var thin = new PackIngestOptions { MaxObjectSize = 1 << 20, DeltaCacheBytes = 1 << 10, AllowThin = true };
        for (int i = 0; i < Iterations; i++)
        {
            var (seed, store) = seeds[random.Next(seeds.Count)];
            byte[] mutant = Mutator.Mutate(seed, random);
            if (random.Next(2) == 0 && mutant.Length >= 32)
                Sha1.HashData(mutant.AsSpan(0, mutant.Length - 20), mutant.AsSpan(mutant.Length - 20));
            var before = store.State;
            try
            {
                await PackIngester.IngestAsync(new MemoryStream(mutant), store, random.Next(2) == 0 ? options : thin);
                accepted++;
                Assert.Equal(before.Packs + 1, store.State.Packs);
                store.Packs.Clear();
                store.PackBytes.Clear();
            }
            catch (GitPackException)
            {
                refused++;
                if (store.State != before)
                    Assert.Fail($"iteration {i}: a refused pack changed the store: {Convert.ToBase64String(mutant)}");
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name} escaped: {e.Message}\n{Convert.ToBase64String(mutant)}\n{e}");
            }
        }
        Assert.Equal(Iterations, accepted + refused);
        Assert.True(accepted > 0 && refused > Iterations / 2, $"{accepted} accepted, {refused} refused");
    }

    /// <summary>Small packs covering every entry kind: whole objects, an OFS chain, REF deltas either side of their base, a thin pack.</summary>
    internal static List<(byte[] Pack, MemoryObjectStore Store)> Seeds()
    {
        var seeds = new List<(byte[], MemoryObjectStore)> { (PackIngesterTests.SamplePack().Pack, new MemoryObjectStore()) };

        byte[] text = "line one\nline two\nline three\nline four\n"u8.ToArray();
        var chain = new TestPack();
        long previous = chain.Add(GitObjectType.Blob, text);
        byte[] content = text;
        for (int i = 0; i < 6; i++)
        {
            byte[] next = [.. content[..(content.Length / 2)], (byte)('a' + i), .. content[(content.Length / 2)..]];
            int half = content.Length / 2, rest = content.Length - half;
            previous = chain.AddOfsDelta(previous, TestPack.Delta(content.Length, next.Length, [0x90, (byte)half, 1, next[half], 0x91, (byte)half, (byte)rest]), GitObjectId.Compute(GitObjectType.Blob, next));
            content = next;
        }
        chain.Add(GitObjectType.Tree, GitSamplesTree());
        seeds.Add((chain.Build().Pack, new MemoryObjectStore()));

        var refs = new TestPack();
        GitObjectId textId = GitObjectId.Compute(GitObjectType.Blob, text);
        byte[] longer = [.. text, .. "line five\n"u8];
        refs.AddRefDelta(textId, TestPack.Delta(text.Length, longer.Length, [0x90, (byte)text.Length, 10, .. "line five\n"u8]), GitObjectId.Compute(GitObjectType.Blob, longer));
        refs.Add(GitObjectType.Blob, text);
        refs.Add(GitObjectType.Tag, "object 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ntype tree\ntag t\ntagger T <t@e> 1 +0000\n\nm\n"u8.ToArray());
        seeds.Add((refs.Build().Pack, new MemoryObjectStore()));

        var thinStore = new MemoryObjectStore();
        thinStore.Write(GitObjectType.Blob, text);
        var thin = new TestPack();
        thin.AddRefDelta(textId, TestPack.Delta(text.Length, longer.Length, [0x90, (byte)text.Length, 10, .. "line five\n"u8]), GitObjectId.Compute(GitObjectType.Blob, longer));
        seeds.Add((thin.Build().Pack, thinStore));
        return seeds;
    }

    private static byte[] GitSamplesTree() => Git.GitSamples.Tree;
}
