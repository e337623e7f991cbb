using Islet.Devices;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>
/// Byte-offset, synchronous access to an <see cref="IBlockDevice"/> for the synchronous store
/// contracts. The project's devices (FileBlockDevice, SealedBlockDevice, BlockDeviceRange over
/// them) complete their ValueTasks synchronously, so this costs nothing; a device that really
/// completes asynchronously is waited for (blocking the calling thread).
/// </summary>
internal sealed class SyncDevice(IBlockDevice device)
{
    public IBlockDevice Device { get; } = device;

    public int SectorSize => Device.SectorSize;

    public long Length => Device.SectorCount * Device.SectorSize;

    /// <summary>Reads <paramref name="buffer"/> (whole sectors) from the sector-aligned <paramref name="offset"/>.</summary>
    public void Read(long offset, Memory<byte> buffer) => Wait(Device.ReadAsync(offset / SectorSize, buffer));

    /// <summary>Writes <paramref name="buffer"/> (whole sectors) at the sector-aligned <paramref name="offset"/>.</summary>
    public void Write(long offset, byte[] buffer) => Wait(Device.WriteAsync(offset / SectorSize, buffer));

    /// <summary>Waits until every completed write is durable.</summary>
    public void Flush() => Wait(Device.FlushAsync());

    private static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
            return;
        task.AsTask().GetAwaiter().GetResult();
    }
}
