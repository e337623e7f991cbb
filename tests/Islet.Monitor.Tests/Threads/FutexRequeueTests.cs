using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

public sealed class FutexRequeueTests
{
    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(16);
    private readonly FutexWaiter _caller = new();
    private readonly ulong _cond = ArrayFutexMemory.AddressOf(0);
    private readonly ulong _mutex = ArrayFutexMemory.AddressOf(1);

    private Task<long>[] StartWaiters(int count)
    {
        Task<long>[] waits = [.. Enumerable.Range(0, count).Select(_ => StartWait(_table, _memory, 0, 0))];
        AwaitWaiters(_table, _cond, count);
        return waits;
    }

    [Fact]
    public void Cmp_requeue_wakes_some_and_moves_the_rest()
    {
        Task<long>[] waits = StartWaiters(4);
        long result = _table.Invoke(_caller, _memory, _cond, (int)FutexCommand.CmpRequeue | FutexTable.PrivateFlag, 1, 2, _mutex, 0);
        Assert.Equal(3, result);
        Assert.Equal(1, _table.CountWaiters(_cond));
        Assert.Equal(2, _table.CountWaiters(_mutex));
        Assert.InRange(AnyFinishes(waits), 0, 3);
        // The moved waiters now answer to the target address only.
        Assert.Equal(2, _table.Wake(_mutex, 10));
        Assert.Equal(1, _table.Wake(_cond, 10));
        Assert.All(waits, w => Assert.Equal(0, Result(w)));
    }

    [Fact]
    public void Cmp_requeue_returns_eagain_when_the_word_changed()
    {
        Task<long>[] waits = StartWaiters(1);
        _memory[0] = 5;
        Assert.Equal(-FutexErrno.EAGAIN, _table.Requeue(_memory, _cond, _mutex, 1, 1, expected: 0));
        Assert.Equal(1, _table.CountWaiters(_cond));
        Assert.Equal(1, _table.Wake(_cond, 1));
        Assert.Equal(0, Result(waits[0]));
    }

    [Fact]
    public void Plain_requeue_ignores_the_word()
    {
        Task<long>[] waits = StartWaiters(2);
        _memory[0] = 5;
        long result = _table.Invoke(_caller, _memory, _cond, (int)FutexCommand.Requeue, 0, int.MaxValue, _mutex, 12345);
        Assert.Equal(2, result);
        Assert.Equal(2, _table.CountWaiters(_mutex));
        Assert.Equal(2, _table.Wake(_mutex, 2));
        Assert.All(waits, w => Assert.Equal(0, Result(w)));
    }

    [Fact]
    public void Requeue_rejects_negative_counts_and_misaligned_addresses()
    {
        Assert.Equal(-FutexErrno.EINVAL, _table.Requeue(_memory, _cond, _mutex, -1, 0));
        Assert.Equal(-FutexErrno.EINVAL, _table.Requeue(_memory, _cond, _mutex, 0, -1));
        Assert.Equal(-FutexErrno.EINVAL, _table.Requeue(_memory, _cond, _mutex + 2, 1, 1));
        Assert.Equal(-FutexErrno.EFAULT, _table.Requeue(_memory, 0x1000, _mutex, 1, 1, expected: 0));
    }

    [Fact]
    public void A_requeued_waiter_can_still_time_out()
    {
        var waiter = new FutexWaiter();
        long deadline = SystemFutexClock.Instance.MonotonicNanoseconds + 50_000_000;
        Task<long> waiting = Start(() => _table.Wait(waiter, _memory, _cond, 0, FutexDeadline.Monotonic(deadline)));
        AwaitWaiters(_table, _cond, 1);
        _table.Requeue(_memory, _cond, ArrayFutexMemory.AddressOf(9), 0, 1);
        Assert.Equal(-FutexErrno.ETIMEDOUT, Result(waiting));
        Assert.Equal(0, _table.CountWaiters(ArrayFutexMemory.AddressOf(9)));
    }
}
