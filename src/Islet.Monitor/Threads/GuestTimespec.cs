using System.Buffers.Binary;

namespace Islet.Monitor.Threads;

/// <summary>
/// Reads a guest <c>struct timespec</c> (x86-64: <c>tv_sec</c> and <c>tv_nsec</c>, two
/// little-endian i64, 16 bytes) and turns it into a <see cref="FutexDeadline"/>.
/// </summary>
public static class GuestTimespec
{
    /// <summary>Bytes in a x86-64 <c>struct timespec</c>.</summary>
    public const int Size = 16;

    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>
    /// Reads the timespec at <paramref name="address"/>. Returns 0, -EFAULT when it cannot be
    /// read, or -EINVAL when it is not valid (Linux's <c>timespec64_valid</c>: negative seconds,
    /// or nanoseconds negative or at least 1e9).
    /// </summary>
    public static int TryRead(IFutexMemory memory, ulong address, out long seconds, out long nanoseconds)
    {
        Span<byte> bytes = stackalloc byte[Size];
        seconds = 0;
        nanoseconds = 0;
        if (!memory.TryRead(address, bytes))
        {
            return -FutexErrno.EFAULT;
        }
        long sec = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        long nsec = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        if (sec < 0 || (ulong)nsec >= NanosecondsPerSecond)
        {
            return -FutexErrno.EINVAL;
        }
        seconds = sec;
        nanoseconds = nsec;
        return 0;
    }

    /// <summary>
    /// Reads the timeout of a wait: none when <paramref name="address"/> is 0 (NULL); otherwise
    /// the timespec, relative to now on <paramref name="clock"/> (FUTEX_WAIT) or absolute
    /// (FUTEX_WAIT_BITSET), on CLOCK_REALTIME when <paramref name="realtime"/> and
    /// CLOCK_MONOTONIC otherwise. Returns 0, -EFAULT or -EINVAL as <see cref="TryRead"/>.
    /// </summary>
    public static int TryReadDeadline(
        IFutexMemory memory, ulong address, bool absolute, bool realtime, IFutexClock clock, out FutexDeadline deadline)
    {
        deadline = FutexDeadline.Infinite;
        if (address == 0)
        {
            return 0;
        }
        int result = TryRead(memory, address, out long seconds, out long nanoseconds);
        if (result != 0)
        {
            return result;
        }
        long total = SaturatingAdd(SaturatingMultiply(seconds, NanosecondsPerSecond), nanoseconds);
        if (!absolute)
        {
            total = SaturatingAdd(realtime ? clock.RealtimeNanoseconds : clock.MonotonicNanoseconds, total);
        }
        deadline = realtime ? FutexDeadline.Realtime(total) : FutexDeadline.Monotonic(total);
        return 0;
    }

    private static long SaturatingMultiply(long value, long factor) =>
        value > long.MaxValue / factor ? long.MaxValue : value * factor;

    private static long SaturatingAdd(long a, long b) =>
        b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;
}
