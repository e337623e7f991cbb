using Islet.Devices;
using Microsoft.Win32.SafeHandles;

namespace Islet.Platform.Unix.Block;

/// <summary>
/// A block device backed by a host file (or a real block device node), for the unix target.
/// </summary>
/// <remarks>
/// I/O is synchronous pread/pwrite on the event loop thread: on the development target a
/// local file answers in microseconds and a thread hand-off would cost more. Sealed targets
/// implement <see cref="IBlockDevice"/> over their device fd instead. The file's length must
/// be a whole number of sectors; it is never grown or shrunk.
/// </remarks>
public sealed class FileBlockDevice : IBlockDevice
{
    private readonly SafeFileHandle _file;
    private bool _disposed;

    private FileBlockDevice(SafeFileHandle file, int sectorSize, long sectorCount, bool readOnly)
    {
        _file = file;
        SectorSize = sectorSize;
        SectorCount = sectorCount;
        IsReadOnly = readOnly;
    }

    /// <summary>Opens <paramref name="path"/> as a disk of <paramref name="sectorSize"/>-byte sectors.</summary>
    /// <exception cref="ArgumentException">The sector size is not a power of two of at least 512, or the file is not whole sectors.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static FileBlockDevice Open(string path, bool readOnly = false, int sectorSize = 512)
    {
        if (sectorSize < 512 || (sectorSize & (sectorSize - 1)) != 0)
            throw new ArgumentException("The sector size must be a power of two of at least 512.", nameof(sectorSize));
        var file = File.OpenHandle(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.Read);
        long length = RandomAccess.GetLength(file);
        if (length % sectorSize != 0)
        {
            file.Dispose();
            throw new ArgumentException($"{path} is {length} bytes, not a whole number of {sectorSize}-byte sectors.", nameof(path));
        }
        return new FileBlockDevice(file, sectorSize, length / sectorSize, readOnly);
    }

    /// <inheritdoc />
    public int SectorSize { get; }

    /// <inheritdoc />
    public long SectorCount { get; }

    /// <inheritdoc />
    public bool IsReadOnly { get; }

    /// <inheritdoc />
    public ValueTask ReadAsync(long sector, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckRange(sector, buffer.Length);
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(_file, buffer.Span[done..], sector * SectorSize + done);
            if (n == 0) return ValueTask.FromException(new IOException("The backing file ended early (was it truncated?)."));
            done += n;
        }
        return default;
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(long sector, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsReadOnly) return ValueTask.FromException(new UnauthorizedAccessException("The block device is read-only."));
        CheckRange(sector, buffer.Length);
        RandomAccess.Write(_file, buffer.Span, sector * SectorSize);
        return default;
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsReadOnly) RandomAccess.FlushToDisk(_file);
        return default;
    }

    private void CheckRange(long sector, int length)
    {
        if (length == 0 || length % SectorSize != 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"The buffer must be a non-zero multiple of {SectorSize} bytes.");
        long sectors = length / SectorSize;
        if (sector < 0 || sector > SectorCount - sectors)
            throw new ArgumentOutOfRangeException(nameof(sector), sector, $"Sectors {sector}..{sector + sectors - 1} are outside the device (0..{SectorCount - 1}).");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _file.Dispose();
    }
}
