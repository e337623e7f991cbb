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
}
