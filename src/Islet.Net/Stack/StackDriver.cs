using Islet.Devices;
using Islet.Events;

namespace Islet.Net.Stack;

/// <summary>
/// Drives a sans-IO network interface from the event loop: polls it when the device is
/// readable, when its next deadline passes, or when the application asked for it
/// (<see cref="RequestPoll"/>), and sleeps otherwise. One pump per interface.
/// </summary>
internal sealed class StackDriver
{
    private readonly EventLoop _loop;
    private readonly Func<long, long> _poll;
    private readonly INetDevice _device;
    private readonly AsyncSignal _wake = new();
    private readonly LoopTimer _timer;
    private readonly List<Action> _afterPoll = [];
    private bool _pollRequested;
    private bool _stopped;

    /// <param name="loop">The loop everything runs on.</param>
    /// <param name="device">The device whose readability wakes the pump.</param>
    /// <param name="poll">The interface's Poll(now): returns the next deadline.</param>
    public StackDriver(EventLoop loop, INetDevice device, Func<long, long> poll)
    {
        _loop = loop;
        _device = device;
        _poll = poll;
        _timer = new LoopTimer(loop, static s => ((StackDriver)s!).RequestPoll(), this);
    }

    /// <summary>Polls made so far (a diagnostic).</summary>
    public long Polls { get; private set; }

    /// <summary>Runs <paramref name="action"/> after every poll (flows move data between pipes and sockets there).</summary>
    public void AfterPoll(Action action) => _afterPoll.Add(action);

    /// <summary>Asks for a poll soon, on the loop (never re-entrantly).</summary>
    public void RequestPoll()
    {
        if (_pollRequested) return;
        _pollRequested = true;
        _wake.Set();
    }

    /// <summary>Starts the pump and the device watcher; they run until <see cref="Stop"/>.</summary>
    public Task StartAsync() => Task.WhenAll(PumpAsync(), WatchDeviceAsync());

    /// <summary>Stops the pump after its current turn.</summary>
    public void Stop()
    {
        _stopped = true;
        _timer.Disarm();
        _wake.Set();
    }

    private async Task PumpAsync()
    {
        // The first poll runs on the loop's next turn, not inside the stack's constructor, so
        // that whoever creates the stack can bind its sockets before the first frames (already
        // waiting on the device) are processed.
        var firstTurn = new TaskCompletionSource();
        _loop.Post(static s => ((TaskCompletionSource)s!).SetResult(), firstTurn);
        await firstTurn.Task;
        while (!_stopped)
        {
            _pollRequested = false;
            long now = _loop.NowNanoseconds;
            long deadline = _poll(now);
            Polls++;
            foreach (var action in _afterPoll) action();
            if (_pollRequested) continue; // the after-poll work produced more to send
            if (deadline != long.MaxValue) _timer.ArmAt(Math.Max(deadline, now));
            else _timer.Disarm();
            await _wake.WaitAsync(); // continuation posted to the loop: no re-entrancy
        }
    }

    private async Task WatchDeviceAsync()
    {
        while (!_stopped)
        {
            await _device.WaitReadableAsync();
            RequestPoll();
            // The pump drains the device before it waits again, so the next edge is a new frame.
            await Task.Yield();
        }
    }
}
