using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

public sealed class FutexInterruptTests
{
    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(16);
    private readonly FutexWaiter _waiter = new();
    private readonly ulong _word = ArrayFutexMemory.AddressOf(0);

    private FutexDeadline InMilliseconds(int milliseconds) =>
        FutexDeadline.Monotonic(SystemFutexClock.Instance.MonotonicNanoseconds + milliseconds * 1_000_000L);

    [Fact]
    public void An_interrupt_before_the_wait_makes_it_return_eintr_once()
    {
        _waiter.Interrupt();
        Assert.True(_waiter.IsInterruptPending);
        Assert.Equal(-FutexErrno.EINTR, _table.Wait(_waiter, _memory, _word, 0, FutexDeadline.Infinite));
        Assert.False(_waiter.IsInterruptPending);
        Assert.Equal(-FutexErrno.ETIMEDOUT, _table.Wait(_waiter, _memory, _word, 0, InMilliseconds(10)));
    }

    [Fact]
    public void An_interrupt_during_the_wait_ends_it_with_eintr()
    {
        Task<long> waiting = StartWait(_table, _memory, 0, 0, _waiter);
        AwaitWaiters(_table, _word, 1);
        _waiter.Interrupt();
        Assert.Equal(-FutexErrno.EINTR, Result(waiting));
        Assert.Equal(0, _table.CountWaiters(_word));
        Assert.False(_waiter.IsInterruptPending);
        Assert.Equal(0, _table.Wake(_word, 1));
    }

    [Fact]
    public void A_cleared_interrupt_does_not_end_the_next_wait()
    {
        _waiter.Interrupt();
        _waiter.ClearInterrupt();
        Assert.Equal(-FutexErrno.ETIMEDOUT, _table.Wait(_waiter, _memory, _word, 0, InMilliseconds(10)));
    }

    [Fact]
    public void A_pending_interrupt_wins_over_a_value_mismatch()
    {
        // Linux checks signals only once queued; here a pending interrupt wins even over EAGAIN,
        // which is also allowed (EINTR may be returned for any wait).
        _memory[0] = 1;
        _waiter.Interrupt();
        Assert.Equal(-FutexErrno.EINTR, _table.Wait(_waiter, _memory, _word, 0, FutexDeadline.Infinite));
        Assert.Equal(-FutexErrno.EAGAIN, _table.Wait(_waiter, _memory, _word, 0, FutexDeadline.Infinite));
    }

    [Fact]
    public void Interrupts_racing_with_waits_never_lose_a_wait()
    {
        for (int i = 0; i < 200; i++)
        {
            var waiter = new FutexWaiter();
            Task<long> waiting = StartWait(_table, _memory, 0, 0, waiter);
            waiter.Interrupt();
            long result = Result(waiting);
            Assert.Equal(-FutexErrno.EINTR, result);
        }
        Assert.Equal(0, _table.CountWaiters(_word));
    }

    [Fact]
    public void Shutdown_ends_current_and_future_waits()
    {
        Task<long>[] waits = [.. Enumerable.Range(0, 3).Select(i => StartWait(_table, _memory, i, 0))];
        for (int i = 0; i < 3; i++)
        {
            AwaitWaiters(_table, ArrayFutexMemory.AddressOf(i), 1);
        }
        _table.Shutdown();
        Assert.True(_table.IsShutdown);
        Assert.All(waits, w => Assert.Equal(-FutexErrno.EINTR, Result(w)));
        Assert.Equal(-FutexErrno.EINTR, _table.Wait(_waiter, _memory, _word, 0, FutexDeadline.Infinite));
        Assert.Equal(0, _table.CountWaiters(_word));
    }

    [Fact]
    public void Shutdown_racing_with_new_waits_ends_them_all()
    {
        Task<long>[] waits = [.. Enumerable.Range(0, 8).Select(i => StartWait(_table, _memory, i, 0))];
        _table.Shutdown();
        Assert.All(waits, w => Assert.Equal(-FutexErrno.EINTR, Result(w)));
    }
}
