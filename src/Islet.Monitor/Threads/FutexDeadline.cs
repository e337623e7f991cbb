namespace Islet.Monitor.Threads;

/// <summary>
/// When a futex wait gives up: never (<see cref="Infinite"/>), or at an absolute time in
/// nanoseconds on CLOCK_MONOTONIC or CLOCK_REALTIME.
/// </summary>
public readonly struct FutexDeadline : IEquatable<FutexDeadline>
{
    private FutexDeadline(bool isInfinite, bool isRealtime, long nanoseconds)
    {
        IsInfinite = isInfinite;
        IsRealtime = isRealtime;
        Nanoseconds = nanoseconds;
    }

    /// <summary>A deadline that never passes (a NULL timeout).</summary>
    public static FutexDeadline Infinite => new(true, false, long.MaxValue);

    /// <summary>True when the wait has no timeout.</summary>
    public bool IsInfinite { get; }

    /// <summary>True when <see cref="Nanoseconds"/> is on CLOCK_REALTIME, false for CLOCK_MONOTONIC.</summary>
    public bool IsRealtime { get; }

    /// <summary>The absolute time on the deadline's clock (long.MaxValue when infinite).</summary>
    public long Nanoseconds { get; }

    /// <summary>A deadline at <paramref name="nanoseconds"/> on CLOCK_MONOTONIC.</summary>
    public static FutexDeadline Monotonic(long nanoseconds) => new(false, false, nanoseconds);

    /// <summary>A deadline at <paramref name="nanoseconds"/> since the epoch on CLOCK_REALTIME.</summary>
    public static FutexDeadline Realtime(long nanoseconds) => new(false, true, nanoseconds);

    /// <summary>
    /// Nanoseconds left until the deadline on <paramref name="clock"/> (zero or negative once it
    /// has passed; long.MaxValue when infinite).
    /// </summary>
    public long Remaining(IFutexClock clock)
    {
        if (IsInfinite)
        {
            return long.MaxValue;
        }
        long now = IsRealtime ? clock.RealtimeNanoseconds : clock.MonotonicNanoseconds;
        // Saturate rather than wrap for deadlines and clocks near the ends of the range.
        return (long)Int128.Clamp((Int128)Nanoseconds - now, long.MinValue, long.MaxValue);
    }

    /// <inheritdoc/>
    public bool Equals(FutexDeadline other) =>
        IsInfinite == other.IsInfinite && IsRealtime == other.IsRealtime && Nanoseconds == other.Nanoseconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FutexDeadline other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsInfinite, IsRealtime, Nanoseconds);

    /// <summary>Value equality.</summary>
    public static bool operator ==(FutexDeadline left, FutexDeadline right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(FutexDeadline left, FutexDeadline right) => !left.Equals(right);
}
