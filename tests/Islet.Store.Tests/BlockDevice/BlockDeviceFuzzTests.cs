using Islet.Dns.Tests.Persistence;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;
using static Islet.Store.Tests.BlockDevice.BlockStoreSamples;

namespace Islet.Store.Tests.BlockDevice;

/// <summary>Malformed devices: garbage, truncated records, bad checksums, and 10,000 seeded mutations of a real image.</summary>
public sealed class BlockDeviceFuzzTests
{
    private const int Sectors = 96;

    [Fact]
    public void Random_garbage_is_not_a_store()
    {
        var random = new Random(3);
        for (int i = 0; i < 100; i++)
        {
            var device = Device(Sectors);
            random.NextBytes(device.Bytes);
            var error = Assert.Throws<BlockStoreException>(() => Open(device));
            Assert.Equal(BlockStoreError.NotFormatted, error.Error);
        }
    }

    [Fact]
    public void A_bad_record_checksum_under_both_heads_is_a_clear_corruption_error()
    {
        var device = Device(Sectors);
        using (BlockDeviceBackend store = Format(device, new BlockDeviceStoreOptions { DeferObjectWrites = true }))
        {
            CommitOnMain(store, "a");
            CommitOnMain(store, "b");
        }
        device.Bytes[2 * 512 + 100] ^= 1; // inside the first record, which both heads cover
        var error = Assert.Throws<BlockStoreException>(() => Open(device));
        Assert.Equal(BlockStoreError.Corrupt, error.Error);
    }

    [Fact]
    public void Ten_thousand_mutated_images_give_only_clear_errors_or_a_readable_store()
    {
        var original = Device(Sectors);
        using (BlockDeviceBackend store = Format(original))
        {
            for (int i = 0; i < 6; i++)
                CommitOnMain(store, $"commit {i} " + new string('z', i * 40));
            store.Refs.SetSymbolic("HEAD", "refs/heads/main");
        }
        var random = new Random(20261122);
        int opened = 0, refused = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var device = new MemoryBlockDevice(512, Sectors);
            original.Bytes.CopyTo(device.Bytes, 0);
            Mutate(device.Bytes, random);
            try
            {
                using BlockDeviceBackend store = Open(device);
                opened++;
                foreach (GitObjectId id in store.Objects.EnumerateIds())
                    store.Objects.TryRead(id, out _, out _);
                foreach (GitRef r in store.Refs.List())
                    store.Refs.Resolve(r.Name);
                store.Refs.Resolve("HEAD");
            }
            catch (Exception e) when (e is BlockStoreException or GitPackException or GitFormatException or GitRefException)
            {
                refused++;
            }
        }
        Assert.Equal(10_000, opened + refused);
        Assert.True(opened > 0 && refused > 0, $"opened {opened}, refused {refused}: the mutations should do both");
    }

    private static void Mutate(byte[] image, Random random)
    {
        int used = 24 * 512;
        switch (random.Next(4))
        {
            case 0: // flip a few bytes, mostly where the heads and records are
                for (int n = random.Next(1, 8); n > 0; n--)
                    image[random.Next(random.Next(2) == 0 ? 1024 : used)] ^= (byte)random.Next(1, 256);
                break;
            case 1: // truncate: everything after some point reads as zeros
                Array.Clear(image, random.Next(used), image.Length - used);
                break;
            case 2: // overwrite a run with garbage
                int start = random.Next(used), length = random.Next(1, 600);
                random.NextBytes(image.AsSpan(start, Math.Min(length, image.Length - start)));
                break;
            default: // a head slot's fields rewritten (its checksum then fails, or a forged generation is tried)
                int slot = random.Next(2) * 512;
                image[slot + random.Next(8, 40)] = (byte)random.Next(256);
                break;
        }
    }
}
