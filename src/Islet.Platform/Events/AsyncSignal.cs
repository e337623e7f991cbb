using System.Threading.Tasks.Sources;

namespace Islet.Events;

/// <summary>
/// A reusable, allocation-free wake-up for one waiter on the event loop: a device handler
/// calls <see cref="Set"/> on readiness, a pump awaits <see cref="WaitAsync"/>. A signal set
/// while nobody waits is remembered (once), so an edge is never lost.
/// </summary>
/// <remarks>Loop thread only. At most one waiter at a time.</remarks>
public sealed class AsyncSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core;
    private bool _waiting;
    private bool _signalled;
    private Exception? _fault;

    /// <summary>Completes at the next <see cref="Set"/>, or at once if one happened since the last wait.</summary>
    public ValueTask WaitAsync()
    {
        if (_fault is not null) return ValueTask.FromException(_fault);
        if (_signalled)
        {
            _signalled = false;
            return default;
        }
        if (_waiting) throw new InvalidOperationException("AsyncSignal supports one waiter at a time.");
        _core.Reset();
        _waiting = true;
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Wakes the waiter, or remembers the signal for the next one.</summary>
    /// <summary>True while a waiter is parked on the signal (it has not been set since <see cref="WaitAsync"/>).</summary>
    public bool IsWaiting => _waiting;

    public void Set()
    {
        if (_waiting)
        {
            _waiting = false;
            _core.SetResult(true);
        }
        else
        {
            _signalled = true;
        }
    }

    /// <summary>Fails the current and every later wait with <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        _fault ??= error;
        if (_waiting)
        {
            _waiting = false;
            _core.SetException(error);
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
