namespace Islet.Devices;

/// <summary>
/// A fixed-size disk addressed in whole sectors.
/// </summary>
/// <remarks>
/// Buffers: the caller owns <c>buffer</c>; it must stay untouched until the returned task
/// completes, and its length must be a non-zero multiple of <see cref="SectorSize"/>.
/// Errors: <see cref="ArgumentOutOfRangeException"/> for a range outside the device or a
/// length that is not whole sectors; <see cref="IOException"/> when the medium fails;
/// <see cref="UnauthorizedAccessException"/> for a write to a read-only device.
/// Durability: a completed write may sit in a cache until <see cref="FlushAsync"/> completes.
/// </remarks>
public interface IBlockDevice : IDisposable
{
    /// <summary>Bytes per sector, a power of two of at least 512.</summary>
    int SectorSize { get; }

    /// <summary>Number of sectors on the device.</summary>
    long SectorCount { get; }

    /// <summary>True when writes are refused.</summary>
    bool IsReadOnly { get; }

    /// <summary>Reads <c>buffer.Length / SectorSize</c> sectors starting at <paramref name="sector"/>.</summary>
    ValueTask ReadAsync(long sector, Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Writes <c>buffer.Length / SectorSize</c> sectors starting at <paramref name="sector"/>.</summary>
    ValueTask WriteAsync(long sector, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Completes when every earlier completed write is durable.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);
}
