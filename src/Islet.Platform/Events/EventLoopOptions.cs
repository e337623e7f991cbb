using Islet.Devices;

namespace Islet.Events;

/// <summary>How an <see cref="EventLoop"/> is built.</summary>
public sealed record EventLoopOptions
{
    /// <summary>The readiness poller; a <see cref="WaitPoller"/> when null.</summary>
    public IPoller? Poller { get; init; }

    /// <summary>The monotonic clock; the system's when null. Ignored when <see cref="VirtualTime"/> is set.</summary>
    public IMonotonicClock? Clock { get; init; }

    /// <summary>The wall clock; the system's when null.</summary>
    public IWallClock? WallClock { get; init; }

    /// <summary>
    /// Test mode: time is virtual, starts at zero, and jumps straight to the next timer
    /// whenever nothing is runnable and no I/O can arrive. Timeouts then cost no real time.
    /// </summary>
    public bool VirtualTime { get; init; }
}
