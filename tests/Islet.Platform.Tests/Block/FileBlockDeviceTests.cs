using Islet.Platform.Unix.Block;
using Xunit;

namespace Islet.Platform.Tests.Block;

public sealed class FileBlockDeviceTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public FileBlockDeviceTests() => File.WriteAllBytes(_path, new byte[512 * 8]);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Written_sectors_read_back_and_reach_the_file()
    {
        using (var disk = FileBlockDevice.Open(_path))
        {
            Assert.Equal(512, disk.SectorSize);
            Assert.Equal(8, disk.SectorCount);
            var data = new byte[1024];
            new Random(1).NextBytes(data);
            await disk.WriteAsync(3, data);
            await disk.FlushAsync();
            var back = new byte[1024];
            await disk.ReadAsync(3, back);
            Assert.Equal(data, back);
        }
        var file = File.ReadAllBytes(_path);
        Assert.All(file[..(3 * 512)], b => Assert.Equal(0, b));
        Assert.All(file[(5 * 512)..], b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(7, 1024)]   // runs past the last sector
    [InlineData(-1, 512)]
    [InlineData(8, 512)]
    [InlineData(0, 100)]    // not whole sectors
    [InlineData(0, 0)]
    public async Task Out_of_range_or_partial_sector_access_is_refused(long sector, int length)
    {
        using var disk = FileBlockDevice.Open(_path);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await disk.ReadAsync(sector, new byte[length]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await disk.WriteAsync(sector, new byte[length]));
    }

    [Fact]
    public async Task Read_only_device_refuses_writes_and_leaves_the_file_alone()
    {
        using var disk = FileBlockDevice.Open(_path, readOnly: true);
        Assert.True(disk.IsReadOnly);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(async () => await disk.WriteAsync(0, new byte[512]));
        Assert.All(File.ReadAllBytes(_path), b => Assert.Equal(0, b));
    }

    [Fact]
    public void File_that_is_not_whole_sectors_is_refused()
    {
        File.WriteAllBytes(_path, new byte[1000]);
        var e = Assert.Throws<ArgumentException>(() => FileBlockDevice.Open(_path));
        Assert.Contains("not a whole number", e.Message);
    }
}
