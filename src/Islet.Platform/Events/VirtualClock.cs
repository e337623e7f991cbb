using Islet.Devices;

namespace Islet.Events;

/// <summary>A monotonic clock that moves only when told to: the test clock.</summary>
public sealed class VirtualClock : IMonotonicClock
{
    /// <inheritdoc />
    public long NowNanoseconds { get; private set; }

    /// <summary>Moves the clock forward to <paramref name="nanoseconds"/> (never backward).</summary>
    public void AdvanceTo(long nanoseconds)
    {
        if (nanoseconds > NowNanoseconds) NowNanoseconds = nanoseconds;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => AdvanceTo(NowNanoseconds + delta.Ticks * 100);
}
