using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using static Islet.Store.Tests.BlockDevice.BlockStoreSamples;

namespace Islet.Store.Tests.BlockDevice;

public sealed class BlockDeviceCompactionTests
{
    [Fact]
    public void Compaction_drops_unreachable_objects_keeps_reachable_ones_and_survives_reopen()
    {
        var device = Device(sectors: 512);
        var commits = new List<GitObjectId>();
        GitObjectId loose, side;
        using (BlockDeviceBackend store = Format(device))
        {
            for (int i = 0; i < 5; i++)
                commits.Add(CommitOnMain(store, $"main {i}"));
            loose = store.Objects.Write(GitObjectType.Blob, "nobody names me"u8);
            side = Commit(store.Objects, "side", null);
            Assert.True(store.Refs.TryUpdate("refs/heads/side", null, side));
            Assert.True(store.Refs.TryDelete("refs/heads/side", side));
            (long before, long after) = store.Compact();
            Assert.True(after < before, $"live log {before} -> {after}");
            Assert.Equal(1, store.PackCount);
            Assert.False(store.Objects.Contains(loose));
            Assert.False(store.Objects.Contains(side));
            Assert.Equal(15, store.Objects.EnumerateIds().Count());
            commits.Add(CommitOnMain(store, "after compaction"));
        }
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal(commits[^1], reopened.Refs.Resolve("refs/heads/main"));
        Assert.Equal("main 0", TextOf(reopened.Objects, commits[0]));
        Assert.Equal("after compaction", TextOf(reopened.Objects, commits[^1]));
        Assert.False(reopened.Objects.Contains(loose));
    }

    [Fact]
    public void Compacting_with_headroom_lets_a_small_device_take_any_number_of_updates()
    {
        var device = Device(sectors: 96);
        GitObjectId last = default;
        int compactions = 0;
        using (BlockDeviceBackend store = Format(device, new BlockDeviceStoreOptions { DeferObjectWrites = true }))
        {
            store.Refs.TryUpdate("refs/heads/main", null, Commit(store.Objects, "root", null));
            for (int i = 0; i < 300; i++)
            {
                // Each update replaces the previous one's blob and leaves main at one commit, so the reachable set stays small.
                GitObjectId? old = store.Refs.Resolve("refs/heads/main");
                GitObjectId next = Commit(store.Objects, $"update {i}", null);
                // Compaction needs room for the compacted log, so it runs while some headroom is left.
                if (store.CapacityBytes - store.UsedBytes < 8 * 512)
                {
                    store.Compact();
                    compactions++;
                }
                Assert.True(store.Refs.TryUpdate("refs/heads/main", old, next));
                last = next;
            }
        }
        Assert.True(compactions >= 4, $"{compactions} compactions");
        using BlockDeviceBackend reopened = Open(device);
        Assert.Equal(last, reopened.Refs.Resolve("refs/heads/main"));
        Assert.Equal("update 299", TextOf(reopened.Objects, last));
    }

    [Fact]
    public void A_torn_write_during_compaction_leaves_the_previous_state()
    {
        for (int tearAfter = 0; tearAfter < 3; tearAfter++)
        {
            var device = Device(sectors: 512);
            GitObjectId main;
            using (BlockDeviceBackend store = Format(device))
            {
                CommitOnMain(store, "a");
                main = CommitOnMain(store, "b");
                device.TearNextWriteAfter = tearAfter;
                Assert.Throws<IOException>(() => store.Compact());
            }
            using BlockDeviceBackend reopened = Open(device);
            Assert.Equal(main, reopened.Refs.Resolve("refs/heads/main"));
            Assert.Equal("b", TextOf(reopened.Objects, main));
        }
    }
}
