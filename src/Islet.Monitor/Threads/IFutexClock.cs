namespace Islet.Monitor.Threads;

/// <summary>
/// The clocks futex timeouts are measured on, in nanoseconds, in the same domains the guest's
/// clock_gettime sees. Tests may substitute a clock; <see cref="SystemFutexClock"/> is the host's.
/// A timed wait sleeps in host time for what the clock says remains, then reads the clock again,
/// so a substitute clock that never advances keeps a timed wait asleep until something wakes it.
/// </summary>
public interface IFutexClock
{
    /// <summary>CLOCK_MONOTONIC now, in nanoseconds.</summary>
    long MonotonicNanoseconds { get; }

    /// <summary>CLOCK_REALTIME now, in nanoseconds since the Unix epoch.</summary>
    long RealtimeNanoseconds { get; }
}
