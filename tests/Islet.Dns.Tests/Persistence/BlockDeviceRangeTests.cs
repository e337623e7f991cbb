using Islet.Devices;
using Islet.Dns.Persistence;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Persistence;

/// <summary>Several zones on one disk, each in its own <see cref="BlockDeviceRange"/>.</summary>
public sealed class BlockDeviceRangeTests
{
    [Fact]
    public async Task Two_zones_on_two_ranges_of_one_disk_are_saved_and_loaded_independently()
    {
        var disk = new MemoryBlockDevice(512, 64);
        IReadOnlyList<BlockDeviceRange> ranges = BlockDeviceRange.Split(disk, 2);
        DnsName a = DnsName.Parse("a.example."), b = DnsName.Parse("b.example.");
        DnsZone zoneA = DnsZone.Load("@ SOA ns h 1 1 1 1 1\n@ NS ns.other.\nwww A 192.0.2.1\n", a);
        DnsZone zoneB = DnsZone.Load("@ SOA ns h 7 1 1 1 1\n@ NS ns.other.\nwww A 192.0.2.2\n", b);
        await new BlockDeviceZonePersistence(ranges[0]).SaveAsync(zoneA, null);
        await new BlockDeviceZonePersistence(ranges[1]).SaveAsync(zoneB, null);
        await new BlockDeviceZonePersistence(ranges[0]).SaveAsync(zoneA, null);

        DnsZone? loadedA = await new BlockDeviceZonePersistence(ranges[0]).LoadAsync(a);
        DnsZone? loadedB = await new BlockDeviceZonePersistence(ranges[1]).LoadAsync(b);
        Assert.Equal("192.0.2.1", loadedA!.GetRRset(DnsName.Parse("www.a.example."), DnsType.A)[0].Data.ToString());
        Assert.Equal("192.0.2.2", loadedB!.GetRRset(DnsName.Parse("www.b.example."), DnsType.A)[0].Data.ToString());
        Assert.Equal(32, ranges[1].SectorCount);
    }

    [Fact]
    public async Task A_range_refuses_sectors_outside_it_and_partial_sectors()
    {
        var range = new BlockDeviceRange(new MemoryBlockDevice(512, 16), 4, 8);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await range.WriteAsync(8, new byte[512]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await range.WriteAsync(7, new byte[1024]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await range.ReadAsync(0, new byte[100]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await range.ReadAsync(-1, new byte[512]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockDeviceRange(new MemoryBlockDevice(512, 16), 10, 7));
        await range.WriteAsync(7, new byte[512]);
    }
}
