namespace Islet.Monitor.Threads;

/// <summary>
/// The clocks futex timeouts are measured on, in nanoseconds, in the same domains the guest's
/// clock_gettime sees. Tests may substitute a clock; <see cref="SystemFutexClock"/> is the host's.
/// </summary>
public interface IFutexClock
{
    /// <summary>CLOCK_MONOTONIC now, in nanoseconds.</summary>
    long MonotonicNanoseconds { get; }

    /// <summary>CLOCK_REALTIME now, in nanoseconds since the Unix epoch.</summary>
    long RealtimeNanoseconds { get; }
}
