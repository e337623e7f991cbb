using System.Text;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;
using static Islet.Store.Tests.BlockDevice.BlockStoreSamples;

namespace Islet.Store.Tests.BlockDevice;

public sealed class BlockDeviceBackendTests
{
    [Fact]
    public void Objects_and_refs_round_trip_and_survive_reopen()
    {
        var device = Device();
        GitObjectId first, second;
        using (BlockDeviceBackend store = Format(device))
        {
            first = CommitOnMain(store, "one");
            second = CommitOnMain(store, "two");
            store.Refs.SetSymbolic("HEAD", "refs/heads/main");
            Assert.Equal("two", TextOf(store.Objects, second));
        }
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal(second, reopened.Refs.Resolve("HEAD"));
        Assert.Equal("one", TextOf(reopened.Objects, first));
        Assert.Equal("two", TextOf(reopened.Objects, second));
        Assert.Equal(["refs/heads/main"], reopened.Refs.List().Select(r => r.Name));
        Assert.Equal(6, reopened.Objects.EnumerateIds().Distinct().Count());
    }

    [Fact]
    public void Compare_and_swap_refuses_a_stale_expectation_and_deletes_only_a_match()
    {
        using BlockDeviceBackend store = Format(Device());
        GitObjectId a = CommitOnMain(store, "a");
        GitObjectId b = Commit(store.Objects, "b", a);
        Assert.False(store.Refs.TryUpdate("refs/heads/main", null, b));
        Assert.False(store.Refs.TryUpdate("refs/heads/main", b, b));
        Assert.True(store.Refs.TryUpdate("refs/heads/main", a, b));
        Assert.False(store.Refs.TryDelete("refs/heads/main", a));
        Assert.True(store.Refs.TryDelete("refs/heads/main", b));
        Assert.Null(store.Refs.Read("refs/heads/main"));
        Assert.False(store.Refs.TryDelete("refs/heads/main", b));
    }

    [Fact]
    public void A_ref_inside_or_above_an_existing_one_is_a_name_conflict()
    {
        using BlockDeviceBackend store = Format(Device());
        GitObjectId a = CommitOnMain(store, "a");
        var error = Assert.Throws<GitRefException>(() => store.Refs.TryUpdate("refs/heads/main/x", null, a));
        Assert.Equal(GitRefError.NameConflict, error.Error);
        Assert.Throws<GitRefException>(() => store.Refs.TryUpdate("refs", null, a));
    }

    [Fact]
    public void Deferred_writes_go_out_as_one_pack_with_the_ref_update()
    {
        var device = Device();
        using (BlockDeviceBackend store = Format(device, new BlockDeviceStoreOptions { DeferObjectWrites = true }))
        {
            CommitOnMain(store, "batched");
            Assert.Equal(1, store.PackCount);
            Assert.Equal(2UL, store.Generation);
        }
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal("batched", TextOf(reopened.Objects, reopened.Refs.Resolve("refs/heads/main")!.Value));
    }

    [Fact]
    public void Immediate_writes_are_durable_before_any_ref_update()
    {
        var device = Device();
        GitObjectId blob;
        using (BlockDeviceBackend store = Format(device))
            blob = store.Objects.Write(GitObjectType.Blob, "alone"u8);
        using BlockDeviceBackend reopened = Open(device);
        Assert.True(reopened.Objects.TryRead(blob, out _, out byte[] content));
        Assert.Equal("alone"u8.ToArray(), content);
    }

    [Fact]
    public void A_corrupt_newest_head_falls_back_to_the_previous_state()
    {
        var device = Device();
        GitObjectId first;
        int newestSlot;
        using (BlockDeviceBackend store = Format(device, new BlockDeviceStoreOptions { DeferObjectWrites = true }))
        {
            first = CommitOnMain(store, "first");
            CommitOnMain(store, "second");
            newestSlot = (int)(store.Generation % 2 == 1 ? 0 : 1);
        }
        device.Bytes[newestSlot * 512 + 20] ^= 0x40;
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal(first, reopened.Refs.Resolve("refs/heads/main"));
        GitObjectId third = CommitOnMain(reopened, "third");
        using BlockDeviceBackend again = Open(device);
        Assert.Equal(third, again.Refs.Resolve("refs/heads/main"));
    }

    [Fact]
    public void A_cut_log_falls_back_to_the_head_before_it()
    {
        var device = Device();
        GitObjectId first;
        long logEndBefore;
        using (BlockDeviceBackend store = Format(device, new BlockDeviceStoreOptions { DeferObjectWrites = true }))
        {
            first = CommitOnMain(store, "first");
            logEndBefore = store.UsedBytes;
            CommitOnMain(store, "second");
        }
        Array.Clear(device.Bytes, (int)logEndBefore + 512, device.Bytes.Length - (int)logEndBefore - 512);
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal(first, reopened.Refs.Resolve("refs/heads/main"));
    }

    [Fact]
    public void A_torn_record_or_head_write_leaves_the_acknowledged_state()
    {
        for (int tearAfter = 0; tearAfter < 3; tearAfter++)
        {
            var device = Device();
            GitObjectId first;
            using (BlockDeviceBackend store = Format(device, new BlockDeviceStoreOptions { DeferObjectWrites = true }))
            {
                first = CommitOnMain(store, "first");
                GitObjectId next = Commit(store.Objects, "second", first);
                device.TearNextWriteAfter = tearAfter;
                Assert.Throws<IOException>(() => store.Refs.TryUpdate("refs/heads/main", first, next));
                Assert.Equal(first, store.Refs.Resolve("refs/heads/main"));
            }
            using BlockDeviceBackend reopened = Open(device);
            Assert.Equal(first, reopened.Refs.Resolve("refs/heads/main"));
            Assert.Equal("first", TextOf(reopened.Objects, first));
        }
    }

    [Fact]
    public void A_full_device_is_refused_and_the_store_is_unchanged()
    {
        var device = Device(sectors: 24);
        using BlockDeviceBackend store = Format(device);
        GitObjectId last = CommitOnMain(store, "small");
        ulong generation = store.Generation;
        byte[] big = new byte[64 * 1024];
        new Random(7).NextBytes(big);
        var error = Assert.Throws<BlockStoreException>(() => store.Objects.Write(GitObjectType.Blob, big));
        Assert.Equal(BlockStoreError.Full, error.Error);
        Assert.Equal(generation, store.Generation);
        Assert.False(store.Objects.Contains(GitObjectId.Compute(GitObjectType.Blob, big, GitHashAlgorithm.Sha1)));
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal(last, reopened.Refs.Resolve("refs/heads/main"));
        Assert.Equal(generation, reopened.Generation);
    }

    [Fact]
    public void An_unformatted_device_is_refused()
    {
        var error = Assert.Throws<BlockStoreException>(() => Open(Device()));
        Assert.Equal(BlockStoreError.NotFormatted, error.Error);
    }

    [Fact]
    public void An_imported_pack_is_readable_after_reopen_and_a_discarded_one_leaves_nothing()
    {
        var writer = new PackWriter();
        var ids = new List<GitObjectId>();
        for (int i = 0; i < 20; i++)
        {
            byte[] content = Encoding.UTF8.GetBytes($"object {i} " + new string('x', 200 + i));
            writer.Add(GitObjectType.Blob, content);
            ids.Add(GitObjectId.Compute(GitObjectType.Blob, content, GitHashAlgorithm.Sha1));
        }
        (byte[] pack, byte[] index, _) = writer.Encode();
        var device = Device(sectors: 512);
        using (BlockDeviceBackend store = Format(device))
        {
            using (var discarded = store.Objects.BeginPackImport())
                discarded.Data.Write(pack);
            Assert.Equal(1UL, store.Generation);
            using var import = store.Objects.BeginPackImport();
            import.Data.Write(pack);
            import.Commit(PackIndex.Parse(index));
        }
        using BlockDeviceBackend reopened = Open(device);
        Assert.All(ids, id => Assert.True(reopened.Objects.TryRead(id, out _, out _)));
    }

    [Fact]
    public void Reads_through_a_tiny_cache_still_find_every_pack()
    {
        var device = Device(sectors: 1024);
        var commits = new List<GitObjectId>();
        using (BlockDeviceBackend store = Format(device))
        {
            for (int i = 0; i < 10; i++)
                commits.Add(CommitOnMain(store, $"commit {i}"));
        }
        using BlockDeviceBackend reopened = Open(device, new BlockDeviceStoreOptions { PackCacheBytes = 1 });
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < commits.Count; i++)
                Assert.Equal($"commit {i}", TextOf(reopened.Objects, commits[i]));
        }
    }

    [Fact]
    public void A_sha256_store_keeps_its_algorithm()
    {
        var device = Device();
        GitObjectId blob;
        using (BlockDeviceBackend store = Format(device, algorithm: GitHashAlgorithm.Sha256))
            blob = store.Objects.Write(GitObjectType.Blob, "wide"u8);
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal(GitHashAlgorithm.Sha256, reopened.Algorithm);
        Assert.Equal(32, blob.Bytes.Length);
        Assert.True(reopened.Objects.Contains(blob));
    }
}
