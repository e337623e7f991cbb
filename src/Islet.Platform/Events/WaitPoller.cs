namespace Islet.Events;

/// <summary>
/// A poller with no descriptors: it only sleeps until woken or timed out. For event loops that
/// have no devices (tests, timers only).
/// </summary>
public sealed class WaitPoller : IPoller
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <inheritdoc />
    public bool HasRegistrations => false;

    /// <inheritdoc />
    public int Register(int fd, IReadinessHandler handler) =>
        throw new NotSupportedException("This event loop has no descriptor poller.");

    /// <inheritdoc />
    public void Unregister(int token) { }

    /// <inheritdoc />
    public int Poll(long timeoutNanoseconds)
    {
        var timeout = timeoutNanoseconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(timeoutNanoseconds / 100);
        _wake.Wait(timeout);
        return 0;
    }

    /// <inheritdoc />
    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();
}
