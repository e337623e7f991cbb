namespace Islet.Events;

/// <summary>
/// Waits for device readiness on behalf of the event loop: epoll on the unix target, ppoll
/// on the device fds of a sealed image, nothing at all in pure tests.
/// </summary>
/// <remarks>Every member but <see cref="Wake"/> is called only on the loop thread.</remarks>
public interface IPoller : IDisposable
{
    /// <summary>True when at least one descriptor is registered (so waiting can end by I/O).</summary>
    bool HasRegistrations { get; }

    /// <summary>Registers <paramref name="fd"/> for edge-triggered read and write readiness.</summary>
    /// <returns>A token for <see cref="Unregister"/>.</returns>
    int Register(int fd, IReadinessHandler handler);

    /// <summary>Forgets a registration; no event for it is delivered afterwards.</summary>
    void Unregister(int token);

    /// <summary>
    /// Waits until a registered descriptor is ready, <see cref="Wake"/> is called, or
    /// <paramref name="timeoutNanoseconds"/> pass (-1: no limit; 0: just look), and delivers
    /// the events to their handlers. Returns the number of events delivered.
    /// </summary>
    int Poll(long timeoutNanoseconds);

    /// <summary>Ends a <see cref="Poll"/> in progress or the next one. Safe from any thread.</summary>
    void Wake();
}
