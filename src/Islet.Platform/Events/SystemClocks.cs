using System.Diagnostics;
using Islet.Devices;

namespace Islet.Events;

/// <summary>The host's clocks: CLOCK_MONOTONIC (via Stopwatch) and the real-time clock.</summary>
public sealed class SystemClocks : IMonotonicClock, IWallClock
{
    /// <summary>The one instance.</summary>
    public static SystemClocks Instance { get; } = new();

    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <inheritdoc />
    public long NowNanoseconds => Stopwatch.Frequency == 1_000_000_000
        ? Stopwatch.GetTimestamp()
        : (long)(Stopwatch.GetTimestamp() * s_nanosecondsPerTick);

    /// <inheritdoc />
    // From ticks with a zero offset: DateTimeOffset.UtcNow goes through the DateTime
    // constructor, whose local-time branch links the time-zone database code into every image.
    public DateTimeOffset UtcNow => new(DateTime.UtcNow.Ticks, TimeSpan.Zero);
}
