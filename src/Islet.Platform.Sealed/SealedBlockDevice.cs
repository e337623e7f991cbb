using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Platform.Sealed.Interop;

namespace Islet.Platform.Sealed;

/// <summary>
/// A block device of a sealed image: a descriptor the launcher opened on a file
/// (<c>--block NAME=FILE</c>), read and written with <c>pread64</c>/<c>pwrite64</c> at
/// sector offsets. Its size comes from the <c>fstat</c> system call itself (glibc's
/// <c>fstat</c> goes through <c>newfstatat</c>, which the ABI answers ENOENT because it
/// could name a path). Operations complete synchronously: the host file is the medium.
/// </summary>
public sealed unsafe class SealedBlockDevice : IBlockDevice
{
    private const int SysFstat = 5;
    private const int StatSizeOffset = 48;
    private readonly int _fd;

    /// <summary>Opens device descriptor <paramref name="fd"/> with 512-byte sectors.</summary>
    /// <exception cref="IOException">fstat failed, or the size is not a whole number of sectors.</exception>
    public SealedBlockDevice(int fd, bool readOnly = false)
    {
        _fd = fd;
        IsReadOnly = readOnly;
        byte* stat = stackalloc byte[144];
        // SAFETY: struct stat on x86-64 is 144 bytes; the kernel writes exactly that into the buffer.
        if (SealedLibC.syscall(SysFstat, fd, stat) != 0) throw new IOException($"block device fd {fd}: fstat failed: errno {Marshal.GetLastPInvokeError()}");
        long size = *(long*)(stat + StatSizeOffset);
        if (size % SectorSize != 0) throw new IOException($"block device fd {fd} is {size} bytes, not a whole number of {SectorSize}-byte sectors");
        SectorCount = size / SectorSize;
    }

    /// <inheritdoc />
    public int SectorSize => 512;

    /// <inheritdoc />
    public long SectorCount { get; }

    /// <inheritdoc />
    public bool IsReadOnly { get; }

    /// <inheritdoc />
    public ValueTask ReadAsync(long sector, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!InRange(sector, buffer.Length, out var error)) return ValueTask.FromException(error);
        var span = buffer.Span;
        int done = 0;
        while (done < span.Length)
        {
            nint n;
            // SAFETY: the span is pinned for the call and pread64 writes at most its remaining length.
            fixed (byte* p = span) n = SealedLibC.pread64(_fd, p + done, span.Length - done, sector * SectorSize + done);
            if (n > 0) { done += (int)n; continue; }
            if (n < 0 && Marshal.GetLastPInvokeError() == SealedLibC.EINTR) continue;
            return ValueTask.FromException(new IOException(n == 0 ? "the block device ended early" : $"pread64 failed: errno {Marshal.GetLastPInvokeError()}"));
        }
        return default;
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(long sector, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (IsReadOnly) return ValueTask.FromException(new InvalidOperationException("The block device is read-only."));
        if (!InRange(sector, buffer.Length, out var error)) return ValueTask.FromException(error);
        var span = buffer.Span;
        int done = 0;
        while (done < span.Length)
        {
            nint n;
            // SAFETY: the span is pinned for the call and pwrite64 reads at most its remaining length.
            fixed (byte* p = span) n = SealedLibC.pwrite64(_fd, p + done, span.Length - done, sector * SectorSize + done);
            if (n > 0) { done += (int)n; continue; }
            if (n < 0 && Marshal.GetLastPInvokeError() == SealedLibC.EINTR) continue;
            return ValueTask.FromException(new IOException($"pwrite64 failed: errno {Marshal.GetLastPInvokeError()}"));
        }
        return default;
    }

    /// <summary>
    /// Writes are handed to the host kernel at once; this makes them durable: <c>fdatasync</c> on the
    /// device (the host file under spt; under hvt the monitor runs it on the host file). Returns
    /// once the host reports the data on stable storage.
    /// </summary>
    /// <exception cref="IOException">The host could not flush (for example an I/O error on its disk).</exception>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        while (SealedLibC.fdatasync(_fd) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != SealedLibC.EINTR)
                return ValueTask.FromException(new IOException($"fdatasync failed: errno {errno}"));
        }
        return default;
    }

    /// <summary>Leaves the descriptor open: the launcher owns it and the ABI forbids closing devices.</summary>
    public void Dispose()
    {
    }

    private bool InRange(long sector, int length, out Exception error)
    {
        error = null!;
        if (length % SectorSize != 0) error = new ArgumentException($"Transfers are whole {SectorSize}-byte sectors.");
        else if (sector < 0 || sector > SectorCount || length / SectorSize > SectorCount - sector) error = new ArgumentOutOfRangeException(nameof(sector), "The transfer goes past the end of the device.");
        return error is null;
    }
}
