namespace Islet.Events;

/// <summary>Sends every <c>await</c> continuation back to its <see cref="EventLoop"/>.</summary>
internal sealed class EventLoopSynchronizationContext(EventLoop loop) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => loop.PostContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (!loop.IsOnLoopThread) throw new NotSupportedException("Synchronous dispatch onto the event loop from another thread would block it.");
        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
