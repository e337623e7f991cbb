using Islet.Devices;

namespace Islet.Events;

/// <summary>
/// The one thread a unikernel runs on. Async continuations, timers and device readiness
/// all run here, in order, one at a time, so library code needs no locks.
/// </summary>
/// <remarks>
/// <para>The loop repeats: run queued work, fire due timers, then wait in
/// <see cref="IPoller.Poll"/> until a device is ready, a timer is due or another thread posts
/// work. <see cref="Run{T}"/> installs a <see cref="SynchronizationContext"/> so that every
/// <c>await</c> in code started on the loop resumes on the loop.</para>
/// <para>Only <see cref="Post"/>, <see cref="RequestShutdown"/> and <see cref="Wake"/> may be
/// called from other threads; everything else belongs to the loop thread.</para>
/// <para>An exception thrown by a posted callback or a timer ends <see cref="Run{T}"/> with that
/// exception: it is a bug, and carrying on would hide it.</para>
/// </remarks>
public sealed partial class EventLoop : IDisposable
{
    [ThreadStatic] private static EventLoop? t_current;

    private readonly IPoller _poller;
    private readonly IMonotonicClock _clock;
    private readonly VirtualClock? _virtualClock;
    private readonly IWallClock _wallClock;
    private readonly DateTimeOffset _virtualWallOrigin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Queue<WorkItem> _ready = new();
    private readonly Queue<WorkItem> _remote = new();
    private readonly EventLoopSynchronizationContext _context;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Action> _beforeWait = [];
    private int _remoteCount;
    private Thread? _thread;
    private bool _disposed;

    /// <summary>Creates a loop; it runs once <see cref="Run{T}"/> is called.</summary>
    public EventLoop(EventLoopOptions? options = null)
    {
        options ??= new EventLoopOptions();
        _poller = options.Poller ?? new WaitPoller();
        if (options.VirtualTime)
        {
            _virtualClock = new VirtualClock();
            _clock = _virtualClock;
        }
        else
        {
            _clock = options.Clock ?? SystemClocks.Instance;
        }
        _wallClock = options.WallClock ?? SystemClocks.Instance;
        _context = new EventLoopSynchronizationContext(this);
    }

    /// <summary>The loop running on the calling thread.</summary>
    /// <exception cref="InvalidOperationException">The caller is not on an event loop thread.</exception>
    public static EventLoop Current => t_current ?? ThrowNotOnLoop();

    /// <summary>The loop running on the calling thread, or null.</summary>
    public static EventLoop? CurrentOrNull => t_current;

    /// <summary>The readiness poller devices register with.</summary>
    public IPoller Poller => _poller;

    /// <summary>Monotonic time in nanoseconds (virtual in test mode).</summary>
    public long NowNanoseconds => _clock.NowNanoseconds;

    /// <summary>The monotonic clock the loop's timers use.</summary>
    public IMonotonicClock Clock => _clock;

    /// <summary>
    /// Wall-clock time. In virtual-time mode it is 2026-01-01T00:00:00Z plus virtual time, so
    /// tests see a fixed, advancing calendar.
    /// </summary>
    public DateTimeOffset UtcNow => _virtualClock is null
        ? _wallClock.UtcNow
        : new DateTimeOffset(_virtualWallOrigin.UtcTicks + (_virtualClock.NowNanoseconds / 100), TimeSpan.Zero);

    /// <summary>True when called on this loop's thread while it runs.</summary>
    public bool IsOnLoopThread => _thread == Thread.CurrentThread;

    /// <summary>Cancelled (on the loop thread) once <see cref="RequestShutdown"/> is called: SIGINT, SIGTERM or the application.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>
    /// Queues <paramref name="callback"/> to run on the loop after the work already queued.
    /// Safe from any thread. Allocation-free.
    /// </summary>
    public void Post(Action<object?> callback, object? state) => Enqueue(new WorkItem(callback, state));

    internal void PostContinuation(SendOrPostCallback callback, object? state) => Enqueue(new WorkItem(callback, state));

    /// <summary>Asks the application to stop: cancels <see cref="ShutdownToken"/> on the loop. Safe from any thread.</summary>
    public void RequestShutdown() => Post(static s => ((EventLoop)s!).CancelShutdown(), this);

    /// <summary>Interrupts a wait in progress. Safe from any thread.</summary>
    public void Wake() => _poller.Wake();

    /// <summary>Completes after <paramref name="delay"/> of loop time, on the loop.</summary>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken = default) =>
        LoopDelay.Start(this, delay, cancellationToken);

    /// <summary>
    /// Registers <paramref name="action"/> to run on the loop thread at the end of every turn,
    /// before the loop looks for readiness or waits: the place where devices flush the frames
    /// a turn produced as one batch (one system call, or under hvt one exit, per turn rather
    /// than per frame). Loop thread only; actions are never removed and must not throw.
    /// </summary>
    public void AddBeforeWait(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _beforeWait.Add(action);
    }

    /// <summary>Runs <paramref name="main"/> on the calling thread until the task it returns completes.</summary>
    public void Run(Func<Task> main) => Run(async () => { await main().ConfigureAwait(true); return 0; });

    /// <summary>
    /// Makes the calling thread the loop thread, starts <paramref name="main"/> on it and runs
    /// the loop until the returned task completes; returns its result or rethrows its exception.
    /// </summary>
    public T Run<T>(Func<Task<T>> main)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null) throw new InvalidOperationException("The event loop is already running.");
        var previousLoop = t_current;
        var previousContext = SynchronizationContext.Current;
        _thread = Thread.CurrentThread;
        t_current = this;
        SynchronizationContext.SetSynchronizationContext(_context);
        try
        {
            var task = main();
            while (!task.IsCompleted)
            {
                Turn(task);
            }
            RunReady(); // let continuations queued by the completion (cleanup) run
            foreach (var action in _beforeWait) action(); // and flush what they produced
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            t_current = previousLoop;
            _thread = null;
        }
    }

    /// <summary>One turn: queued work, due timers, then a wait for readiness or the next timer.</summary>
    private void Turn(Task main)
    {
        TakeRemote();
        RunReady();
        FireDueTimers();
        foreach (var action in _beforeWait) action();
        if (main.IsCompleted) return; // never wait once the application is done
        if (_ready.Count > 0 || Volatile.Read(ref _remoteCount) > 0)
        {
            if (_poller.HasRegistrations) _poller.Poll(0);
            return;
        }

        long next = NextTimerDeadline();
        if (_virtualClock is not null)
        {
            // Test mode: give real I/O a moment, then jump to the next timer.
            if (_poller.HasRegistrations && _poller.Poll(next == long.MaxValue ? 50_000_000 : 1_000_000) > 0) return;
            if (Volatile.Read(ref _remoteCount) > 0) return;
            if (next != long.MaxValue) { _virtualClock.AdvanceTo(next); return; }
            if (!_poller.HasRegistrations) _poller.Poll(-1); // only another thread can make progress now
            return;
        }

        long timeout = next == long.MaxValue ? -1 : Math.Max(0, next - _clock.NowNanoseconds);
        _poller.Poll(timeout);
    }

    private void Enqueue(WorkItem item)
    {
        if (IsOnLoopThread)
        {
            _ready.Enqueue(item);
            return;
        }
        lock (_remote)
        {
            _remote.Enqueue(item);
            _remoteCount++;
        }
        _poller.Wake();
    }

    private void TakeRemote()
    {
        if (Volatile.Read(ref _remoteCount) == 0) return;
        lock (_remote)
        {
            while (_remote.TryDequeue(out var item)) _ready.Enqueue(item);
            _remoteCount = 0;
        }
    }

    /// <summary>Runs the work queued so far (not work it queues in turn, so I/O is not starved).</summary>
    private void RunReady()
    {
        for (int n = _ready.Count; n > 0 && _ready.TryDequeue(out var item); n--)
        {
            item.Invoke();
        }
    }

    private void CancelShutdown() => _shutdown.Cancel();

    private static EventLoop ThrowNotOnLoop() =>
        throw new InvalidOperationException("This code must run on an Islet event loop thread.");

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _poller.Dispose();
        _shutdown.Dispose();
    }

    private readonly struct WorkItem(object callback, object? state)
    {
        public void Invoke()
        {
            if (callback is Action<object?> action) action(state);
            else ((SendOrPostCallback)callback)(state);
        }
    }
}
