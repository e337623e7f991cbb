using Islet.Store.Git;
using Islet.Store.Internal;

namespace Islet.Store;

/// <summary>
/// A subscription to one branch's moves (<see cref="Store{T}.Watch"/>). Moves made through any
/// store over the same backend instance are reported at once, on the writer's call; moves made
/// elsewhere (another process, git itself) are noticed by re-reading the ref every
/// <see cref="StoreOptions.WatchPollInterval"/> on the store's <see cref="StoreOptions.Time"/>
/// (an async timer, no thread of its own). Each report carries the head seen before and the head
/// seen now, so moves in quick succession may be reported as one. Exceptions thrown by the
/// callback are caught, so they cannot fail the writer that triggered them, and counted in
/// <see cref="CallbackFailures"/> with the latest in <see cref="LastCallbackFailure"/>. Disposing
/// stops all reports.
/// </summary>
public sealed class BranchWatch : IDisposable
{
    private readonly object _gate = new();
    private readonly string _branch;
    private readonly Func<GitObjectId?> _readHead;
    private readonly Action<BranchChange> _callback;
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _subscription;
    private GitObjectId? _last;
    private bool _disposed;

    internal BranchWatch(string branch, string refName, Func<GitObjectId?> readHead, Action<BranchChange> callback, BranchNotifier notifier, TimeSpan? pollInterval, TimeProvider time)
    {
        _branch = branch;
        _readHead = readHead;
        _callback = callback;
        _last = readHead();
        _subscription = notifier.Subscribe(refName, Check);
        if (pollInterval is TimeSpan interval && interval > TimeSpan.Zero)
            Polling = PollAsync(interval, time, _stop.Token);
    }

    /// <summary>How many reports the callback threw on. Each was caught, so that it could not fail the writer whose move it was; later moves are still reported.</summary>
    public int CallbackFailures { get; private set; }

    /// <summary>The exception of the callback's most recent failure, or null when it never failed.</summary>
    public Exception? LastCallbackFailure { get; private set; }

    /// <summary>The polling loop (completed when not polling, or after dispose).</summary>
    public Task Polling { get; } = Task.CompletedTask;

    /// <summary>Re-reads the branch now and reports a move if there was one (what the poll does each interval).</summary>
    public void Check()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            GitObjectId? current;
            try
            {
                current = _readHead();
            }
            catch (Exception e) when (e is IOException or Git.Refs.GitRefException)
            {
                return;
            }
            if (current == _last)
                return;
            var change = new BranchChange(_branch, _last, current);
            _last = current;
            try
            {
                _callback(change);
            }
            catch (Exception e)
            {
                // Documented: a callback's failure must not fail the writer that triggered it; it is counted and kept instead.
                CallbackFailures++;
                LastCallbackFailure = e;
            }
        }
    }

    /// <summary>Stops the watch; no report starts after this returns.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _subscription.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task PollAsync(TimeSpan interval, TimeProvider time, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stop).ConfigureAwait(false);
                Check();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
