using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

public sealed class FutexWakeTests
{
    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(16);
    private readonly ulong _word = ArrayFutexMemory.AddressOf(0);

    [Fact]
    public void Wakes_nobody_without_waiters()
    {
        Assert.Equal(0, _table.Wake(_word, int.MaxValue));
    }

    [Fact]
    public void Wakes_at_most_the_count_asked_for()
    {
        Task<long>[] waits = [.. Enumerable.Range(0, 3).Select(_ => StartWait(_table, _memory, 0, 0))];
        AwaitWaiters(_table, _word, 3);
        Assert.Equal(2, _table.Wake(_word, 2));
        Assert.Equal(1, _table.CountWaiters(_word));
        Assert.Equal(1, _table.Wake(_word, int.MaxValue));
        Assert.All(waits, w => Assert.Equal(0, Result(w)));
    }

    [Fact]
    public void A_count_of_zero_still_wakes_one_as_linux_does()
    {
        Task<long> a = StartWait(_table, _memory, 0, 0);
        Task<long> b = StartWait(_table, _memory, 0, 0);
        AwaitWaiters(_table, _word, 2);
        Assert.Equal(1, _table.Wake(_word, 0));
        Assert.Equal(1, _table.Wake(_word, 1));
        Assert.Equal(0, Result(a));
        Assert.Equal(0, Result(b));
    }

    [Fact]
    public void Wakes_only_the_address_given()
    {
        ulong other = ArrayFutexMemory.AddressOf(1);
        Task<long> waiting = StartWait(_table, _memory, 1, 0);
        AwaitWaiters(_table, other, 1);
        Assert.Equal(0, _table.Wake(_word, 1));
        AssertBlocked(waiting);
        Assert.Equal(1, _table.Wake(other, 1));
        Assert.Equal(0, Result(waiting));
    }

    [Fact]
    public void Wake_bitset_wakes_waiters_whose_bitset_meets_it()
    {
        Task<long> low = StartWait(_table, _memory, 0, 0, bitset: 0b01);
        Task<long> high = StartWait(_table, _memory, 0, 0, bitset: 0b10);
        AwaitWaiters(_table, _word, 2);
        var waker = new FutexWaiter();
        long woken = _table.Invoke(waker, _memory, _word, (int)FutexCommand.WakeBitset | FutexTable.PrivateFlag, 10, 0, 0, 0b10);
        Assert.Equal(1, woken);
        Assert.Equal(0, Result(high));
        AssertBlocked(low);
        Assert.Equal(1, _table.Wake(_word, 10));
        Assert.Equal(0, Result(low));
    }

    [Fact]
    public void Wait_bitset_without_a_timeout_is_woken_by_a_plain_wake()
    {
        var waiter = new FutexWaiter();
        Task<long> waiting = Start(() => _table.Invoke(waiter, _memory, _word, (int)FutexCommand.WaitBitset, 0, 0, 0, 0x4));
        AwaitWaiters(_table, _word, 1);
        Assert.Equal(1, _table.Wake(_word, 1));
        Assert.Equal(0, Result(waiting));
    }
}
