using Islet.Devices;

namespace Islet.Dns.Tests.Persistence;

/// <summary>An in-memory disk whose next write can be torn: only its first sectors land, then it throws.</summary>
internal sealed class MemoryBlockDevice(int sectorSize, long sectorCount) : IBlockDevice
{
    public byte[] Bytes { get; } = new byte[sectorSize * sectorCount];

    /// <summary>When set, the next write stores only this many sectors and throws IOException.</summary>
    public int? TearNextWriteAfter { get; set; }

    public int SectorSize => sectorSize;

    public long SectorCount => sectorCount;

    public bool IsReadOnly => false;

    public ValueTask ReadAsync(long sector, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Check(sector, buffer.Length);
        Bytes.AsSpan((int)(sector * sectorSize), buffer.Length).CopyTo(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(long sector, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Check(sector, buffer.Length);
        int length = buffer.Length;
        if (TearNextWriteAfter is int sectors)
        {
            TearNextWriteAfter = null;
            length = Math.Min(length, sectors * sectorSize);
            buffer.Span[..length].CopyTo(Bytes.AsSpan((int)(sector * sectorSize)));
            throw new IOException("torn write");
        }
        buffer.Span.CopyTo(Bytes.AsSpan((int)(sector * sectorSize)));
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public void Dispose()
    {
    }

    private void Check(long sector, int length)
    {
        if (length == 0 || length % sectorSize != 0 || sector < 0 || sector * sectorSize + length > Bytes.Length)
            throw new ArgumentOutOfRangeException(nameof(sector));
    }
}
