namespace Islet.Monitor.Threads;

/// <summary>
/// The futex table's only access to guest memory, by guest-virtual address. Other vCPUs change
/// that memory concurrently, so every 32-bit access must be a single atomic access. A method
/// returns false, having changed nothing, when the address is not mapped with the needed
/// access; the table answers EFAULT. Implementations must be thread-safe and must not call
/// back into the table: the table calls them while holding its bucket locks.
/// </summary>
public interface IFutexMemory
{
    /// <summary>Atomically reads the 32-bit word at <paramref name="address"/>.</summary>
    bool TryLoad(ulong address, out uint value);

    /// <summary>Atomically writes the 32-bit word at <paramref name="address"/>.</summary>
    bool TryStore(ulong address, uint value);

    /// <summary>
    /// Atomically replaces the 32-bit word at <paramref name="address"/> with
    /// <paramref name="desired"/> if it equals <paramref name="expected"/>;
    /// <paramref name="actual"/> is the value found (the swap happened when it equals
    /// <paramref name="expected"/>).
    /// </summary>
    bool TryCompareExchange(ulong address, uint expected, uint desired, out uint actual);

    /// <summary>Copies <paramref name="destination"/>.Length bytes from <paramref name="address"/> (not atomic).</summary>
    bool TryRead(ulong address, Span<byte> destination);
}
