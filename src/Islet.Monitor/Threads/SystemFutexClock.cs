using System.Diagnostics;

namespace Islet.Monitor.Threads;

/// <summary>
/// The host's clocks: <see cref="Stopwatch"/> (CLOCK_MONOTONIC on Linux) and
/// <see cref="DateTime.UtcNow"/> (CLOCK_REALTIME).
/// </summary>
public sealed class SystemFutexClock : IFutexClock
{
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>The one instance.</summary>
    public static SystemFutexClock Instance { get; } = new();

    private SystemFutexClock()
    {
    }

    /// <inheritdoc/>
    public long MonotonicNanoseconds => Stopwatch.Frequency == 1_000_000_000
        ? Stopwatch.GetTimestamp()
        : (long)(Stopwatch.GetTimestamp() * s_nanosecondsPerTick);

    /// <inheritdoc/>
    public long RealtimeNanoseconds => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
