namespace Islet.Events;

/// <summary>The task behind <see cref="EventLoop.Delay"/>.</summary>
internal sealed class LoopDelay : TaskCompletionSource
{
    private readonly LoopTimer _timer;
    private CancellationTokenRegistration _registration;

    private LoopDelay(EventLoop loop)
    {
        _timer = new LoopTimer(loop, static s => ((LoopDelay)s!).Complete(), this);
    }

    public static Task Start(EventLoop loop, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var delayTask = new LoopDelay(loop);
        delayTask._timer.Arm(delay);
        if (cancellationToken.CanBeCanceled)
        {
            delayTask._registration = cancellationToken.Register(static (s, ct) =>
            {
                var d = (LoopDelay)s!;
                d._timer.Disarm();
                d.TrySetCanceled(ct);
            }, delayTask);
        }
        return delayTask.Task;
    }

    private void Complete()
    {
        _registration.Dispose();
        TrySetResult();
    }
}
