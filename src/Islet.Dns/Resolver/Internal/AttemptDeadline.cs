using Islet.Events;

namespace Islet.Dns.Resolver.Internal;

/// <summary>A cancellation token that fires when the caller's does or when a loop timer runs out,
/// and remembers which of the two it was. Loop thread only.</summary>
internal sealed class AttemptDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly LoopTimer _timer;

    internal AttemptDeadline(EventLoop loop, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = new LoopTimer(loop, static s => ((AttemptDeadline)s!).Expire(), this);
        _timer.Arm(timeout);
    }

    /// <summary>Cancelled at the deadline or with the caller's token.</summary>
    internal CancellationToken Token => _source.Token;

    /// <summary>Whether the deadline passed (as opposed to the caller cancelling).</summary>
    internal bool Expired { get; private set; }

    private void Expire()
    {
        Expired = true;
        _source.Cancel();
    }

    /// <summary>Disarms the timer and releases the token source.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }
}
