namespace Islet.Monitor.Loader;

/// <summary>
/// The range check behind every <see cref="IGuestMemory"/> implementation, in one place, so
/// the mmap-backed monitor memory and the test memory agree on what is in range.
/// </summary>
public static class GuestMemoryBounds
{
    /// <summary>
    /// True if <c>[address, address + length)</c> lies within <c>[baseAddress, baseAddress + size)</c>
    /// without overflow. A zero-length access is in range anywhere from the base to the end inclusive.
    /// </summary>
    public static bool Contains(ulong baseAddress, ulong size, ulong address, ulong length) =>
        address >= baseAddress && address - baseAddress <= size && length <= size - (address - baseAddress);

    /// <summary>The offset of <paramref name="address"/> from <paramref name="baseAddress"/> after checking the access.</summary>
    /// <exception cref="GuestMemoryFaultException">The access is not within the range.</exception>
    public static ulong CheckedOffset(ulong baseAddress, ulong size, ulong address, ulong length)
    {
        if (!Contains(baseAddress, size, address, length)) throw new GuestMemoryFaultException(address, length);
        return address - baseAddress;
    }
}
