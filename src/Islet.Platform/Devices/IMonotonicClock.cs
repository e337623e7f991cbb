namespace Islet.Devices;

/// <summary>
/// A clock that only moves forward, for timeouts and intervals. Its zero is arbitrary.
/// Protocol cores take time as a parameter instead of reading a clock; only the event loop
/// and bindings read this.
/// </summary>
public interface IMonotonicClock
{
    /// <summary>Nanoseconds since an arbitrary, fixed origin. Never decreases.</summary>
    long NowNanoseconds { get; }
}
