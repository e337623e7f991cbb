using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using static Islet.Store.Tests.BlockDevice.BlockStoreSamples;

namespace Islet.Store.Tests.BlockDevice;

/// <summary>Power lost at every write of a run of updates (and a compaction), with torn writes of every length: reopening always gives an acknowledged state.</summary>
public sealed class BlockDevicePowerCutTests
{
    private const int Commits = 12;

    /// <summary>Runs the workload until the power goes; returns the last acknowledged main and the one being attempted.</summary>
    private static (GitObjectId? Acked, GitObjectId? Attempted) Workload(PowerCutDevice device, bool deferred)
    {
        GitObjectId? acked = null, attempted = null;
        try
        {
            using BlockDeviceBackend store = BlockDeviceBackend.FormatAsync(device, GitHashAlgorithm.Sha1, new BlockDeviceStoreOptions { DeferObjectWrites = deferred }).AsTask().Result;
            for (int i = 0; i < Commits; i++)
            {
                attempted = Commit(store.Objects, $"commit {i}", acked);
                Assert.True(store.Refs.TryUpdate("refs/heads/main", acked, attempted.Value));
                acked = attempted;
                if (i == Commits / 2)
                    store.Compact();
            }
        }
        catch (IOException) when (device.IsCut)
        {
        }
        return (acked, attempted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_cut_point_and_torn_length_reopens_to_an_acknowledged_state(bool deferred)
    {
        var probe = new PowerCutDevice(512, 256);
        Workload(probe, deferred);
        int totalWrites = probe.Writes;
        var random = new Random(5);
        int checkedCuts = 0;
        for (int cut = 2; cut < totalWrites; cut++)
        {
            foreach (int sectors in new[] { 0, 1, random.Next(2, 9) })
            {
                var device = new PowerCutDevice(512, 256) { CutAtWrite = cut, CutSectors = sectors };
                (GitObjectId? acked, GitObjectId? attempted) = Workload(device, deferred);
                device.CutAtWrite = int.MaxValue;
                using BlockDeviceBackend reopened = Open(device);
                GitObjectId? main = reopened.Refs.Resolve("refs/heads/main");
                Assert.True(main == acked || main == attempted, $"cut at write {cut} ({sectors} sectors): main {main}, acknowledged {acked}, attempted {attempted}");
                if (main is GitObjectId id)
                    Assert.StartsWith("commit ", TextOf(reopened.Objects, id));
                checkedCuts++;
            }
        }
        Assert.True(checkedCuts >= 3 * Commits, $"{checkedCuts} cuts checked of {totalWrites} writes");
    }
}
