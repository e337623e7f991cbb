namespace Islet.Monitor.Loader;

/// <summary>
/// One contiguous range of guest-physical addresses, <c>[BaseAddress, BaseAddress + Size)</c>,
/// and the only way the loader touches guest memory (Solo5's <c>HVT_CHECKED_GPA_P</c>: one
/// checked accessor). Every access is checked as a whole before any byte moves: an access that
/// starts or ends outside the range, or whose end overflows 64 bits, throws
/// <see cref="GuestMemoryFaultException"/> and changes nothing. The monitor answers EFAULT for it.
/// </summary>
/// <remarks>
/// Spans passed in are borrowed for the duration of the call only. A zero-length access is
/// valid at any address inside the range and at its end. Implementations need not be
/// thread-safe; the monitor serialises writes to one range itself.
/// </remarks>
public interface IGuestMemory
{
    /// <summary>The lowest guest-physical address in the range.</summary>
    ulong BaseAddress { get; }

    /// <summary>The number of bytes in the range (BaseAddress + Size does not overflow).</summary>
    ulong Size { get; }

    /// <summary>Copies <paramref name="source"/> to guest memory at <paramref name="address"/>.</summary>
    /// <exception cref="GuestMemoryFaultException">Any byte of the destination is outside the range.</exception>
    void Write(ulong address, ReadOnlySpan<byte> source);

    /// <summary>Copies guest memory at <paramref name="address"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="GuestMemoryFaultException">Any byte of the source is outside the range.</exception>
    void Read(ulong address, Span<byte> destination);

    /// <summary>Sets <paramref name="length"/> bytes at <paramref name="address"/> to <paramref name="value"/>.</summary>
    /// <exception cref="GuestMemoryFaultException">Any byte of the range to fill is outside the range.</exception>
    void Fill(ulong address, ulong length, byte value);
}
