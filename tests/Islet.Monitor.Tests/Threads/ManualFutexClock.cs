using Islet.Monitor.Threads;

namespace Islet.Monitor.Tests.Threads;

/// <summary>A clock the test sets by hand.</summary>
internal sealed class ManualFutexClock : IFutexClock
{
    public long MonotonicNanoseconds { get; set; } = 1_000_000_000_000;

    public long RealtimeNanoseconds { get; set; } = 1_700_000_000_000_000_000;
}
