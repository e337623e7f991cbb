using Islet.Dns.Persistence;
using Islet.Dns.Update;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Update.UpdateMessages;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Persistence;

public sealed class ZonePersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("islet-zone-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The sample zone after <paramref name="count"/> added records (serial 100 + count).</summary>
    private static DnsZone Version(int count)
    {
        DnsZone zone = SampleZone();
        for (int i = 0; i < count; i++)
            zone = DynamicUpdate.Apply(ViaWire(UpdateOf([AddA($"host{i}", $"192.0.2.{i + 100}")])), zone).NewZone!;
        return zone;
    }

    private static void AssertSame(DnsZone expected, DnsZone? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Records.Select(r => r.ToString()), actual.Records.Select(r => r.ToString()));
    }

    [Fact]
    public async Task File_persistence_saves_atomically_and_loads_back()
    {
        var store = new ZoneFilePersistence(Path.Combine(_directory, "example.org.zone"));
        Assert.Null(await store.LoadAsync(Origin));
        await store.SaveAsync(Version(1), null);
        await store.SaveAsync(Version(2), null);
        AssertSame(Version(2), await store.LoadAsync(Origin));
        Assert.Equal(["example.org.zone"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Block_persistence_loads_the_newest_version()
    {
        var device = new MemoryBlockDevice(512, 64);
        var store = new BlockDeviceZonePersistence(device);
        Assert.Null(await store.LoadAsync(Origin));
        for (int i = 0; i < 5; i++)
        {
            await store.SaveAsync(Version(i), null);
            AssertSame(Version(i), await new BlockDeviceZonePersistence(device).LoadAsync(Origin));
        }
    }

    [Fact]
    public async Task Torn_writes_never_lose_the_previous_version()
    {
        for (int tear = 0; tear < 6; tear++)
        {
            var device = new MemoryBlockDevice(512, 64);
            var store = new BlockDeviceZonePersistence(device);
            await store.SaveAsync(Version(1), null);
            await store.SaveAsync(Version(2), null);
            device.TearNextWriteAfter = tear;
            await Assert.ThrowsAsync<IOException>(async () => await store.SaveAsync(Version(3), null));
            // The write covers 1 header sector plus the text; torn before its end it must not count.
            int sectors = 1 + (System.Text.Encoding.UTF8.GetByteCount(Islet.Dns.Zone.ZoneFileWriter.Write(Version(3))) + 511) / 512;
            AssertSame(tear < sectors ? Version(2) : Version(3), await new BlockDeviceZonePersistence(device).LoadAsync(Origin));
            await store.SaveAsync(Version(4), null);
            AssertSame(Version(4), await new BlockDeviceZonePersistence(device).LoadAsync(Origin));
        }
    }

    [Fact]
    public async Task A_corrupted_newest_slot_falls_back_to_the_older_one()
    {
        var random = new Random(1995);
        for (int n = 0; n < 50; n++)
        {
            var device = new MemoryBlockDevice(512, 64);
            var store = new BlockDeviceZonePersistence(device);
            await store.SaveAsync(Version(1), null);
            await store.SaveAsync(Version(2), null);
            // Version 2 went to slot 1 (sectors 32..): flip one byte of its header or text.
            int textLength = System.Text.Encoding.UTF8.GetByteCount(Islet.Dns.Zone.ZoneFileWriter.Write(Version(2)));
            int offset = 32 * 512 + random.Next(0, 512 + textLength) switch { < 56 and var h => h, >= 512 and var t => t, _ => 0 };
            device.Bytes[offset] ^= (byte)random.Next(1, 256);
            AssertSame(Version(1), await new BlockDeviceZonePersistence(device).LoadAsync(Origin));
        }
    }

    [Fact]
    public async Task Too_large_zone_is_rejected_and_the_stored_one_kept()
    {
        var device = new MemoryBlockDevice(512, 4);
        var store = new BlockDeviceZonePersistence(device);
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SaveAsync(Version(20), null));
        Assert.Null(await store.LoadAsync(Origin));
    }
}
