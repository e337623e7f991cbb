namespace Islet.Events;

/// <summary>Receives readiness events for one registered descriptor, on the event loop thread.</summary>
public interface IReadinessHandler
{
    /// <summary>
    /// Called when the descriptor became ready. Registrations are edge-triggered: the handler
    /// hears about a change once and must read or write until the call would block before it
    /// hears again.
    /// </summary>
    void OnReadiness(Readiness readiness);

    /// <summary>
    /// The readiness the handler waits for now. Level-triggered pollers (ppoll in sealed
    /// images) ask before each wait and watch only these events, so a socket that is always
    /// writable does not end every wait; edge-triggered pollers (epoll) may ignore it.
    /// </summary>
    Readiness Interest => Readiness.Readable | Readiness.Writable;
}
