using Islet.Devices;

namespace Islet.Store.Tests.BlockDevice;

/// <summary>
/// A memory disk that loses power at its <see cref="CutAtWrite"/>-th write (counting from 0): that
/// write lands only its first <see cref="CutSectors"/> sectors, and it and every later write or
/// flush throws <see cref="IOException"/>.
/// </summary>
internal sealed class PowerCutDevice(int sectorSize, long sectorCount) : IBlockDevice
{
    private int _writes;

    public byte[] Bytes { get; } = new byte[sectorSize * sectorCount];

    public int CutAtWrite { get; set; } = int.MaxValue;

    public int CutSectors { get; set; }

    public bool IsCut => _writes > CutAtWrite;

    public int Writes => _writes;

    public int SectorSize => sectorSize;

    public long SectorCount => sectorCount;

    public bool IsReadOnly => false;

    public ValueTask ReadAsync(long sector, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Bytes.AsSpan((int)(sector * sectorSize), buffer.Length).CopyTo(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(long sector, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int index = _writes++;
        if (index > CutAtWrite)
            throw new IOException("the power is off");
        int length = index == CutAtWrite ? Math.Min(buffer.Length, CutSectors * sectorSize) : buffer.Length;
        buffer.Span[..length].CopyTo(Bytes.AsSpan((int)(sector * sectorSize)));
        if (index == CutAtWrite)
            throw new IOException("power cut during the write");
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) =>
        IsCut ? ValueTask.FromException(new IOException("the power is off")) : ValueTask.CompletedTask;

    public void Dispose()
    {
    }
}
