namespace Islet.Devices;

/// <summary>
/// A contiguous run of another device's sectors, seen as a device of its own (sector 0 is the
/// run's first sector), so one attached disk can hold several independent stores. The range
/// borrows the device: disposing the range does not dispose it.
/// </summary>
public sealed class BlockDeviceRange : IBlockDevice
{
    private readonly IBlockDevice _device;
    private readonly long _first;

    /// <summary>Sectors <paramref name="firstSector"/> to <paramref name="firstSector"/> + <paramref name="sectorCount"/> - 1 of <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The run is empty or not inside the device.</exception>
    public BlockDeviceRange(IBlockDevice device, long firstSector, long sectorCount)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSector);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sectorCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sectorCount, device.SectorCount - firstSector);
        _device = device;
        _first = firstSector;
        SectorCount = sectorCount;
    }

    /// <summary>Splits <paramref name="device"/> into <paramref name="parts"/> ranges of equal size (the remainder is unused).</summary>
    /// <exception cref="ArgumentOutOfRangeException">There are fewer sectors than parts.</exception>
    public static IReadOnlyList<BlockDeviceRange> Split(IBlockDevice device, int parts)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        long size = device.SectorCount / parts;
        var ranges = new BlockDeviceRange[parts];
        for (int i = 0; i < parts; i++)
            ranges[i] = new BlockDeviceRange(device, i * size, size);
        return ranges;
    }

    /// <inheritdoc/>
    public int SectorSize => _device.SectorSize;

    /// <inheritdoc/>
    public long SectorCount { get; }

    /// <inheritdoc/>
    public bool IsReadOnly => _device.IsReadOnly;

    /// <inheritdoc/>
    public ValueTask ReadAsync(long sector, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CheckRange(sector, buffer.Length);
        return _device.ReadAsync(_first + sector, buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(long sector, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CheckRange(sector, buffer.Length);
        return _device.WriteAsync(_first + sector, buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _device.FlushAsync(cancellationToken);

    /// <summary>Does nothing: the range borrows its device.</summary>
    public void Dispose()
    {
    }

    private void CheckRange(long sector, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sector);
        if (length == 0 || length % SectorSize != 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"The buffer must be a non-zero multiple of {SectorSize} bytes.");
        long count = length / SectorSize;
        if (sector > SectorCount - count)
            throw new ArgumentOutOfRangeException(nameof(sector), sector, $"Sectors {sector}..{sector + count - 1} are outside the range's {SectorCount}.");
    }
}
