using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

public sealed class ThreadExitNotifierTests
{
    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(16);

    [Fact]
    public void Clears_the_tid_and_wakes_one_joiner()
    {
        ulong tid = ArrayFutexMemory.AddressOf(3);
        _memory[3] = 1234;
        Task<long> first = StartWait(_table, _memory, 3, 1234);
        Task<long> second = StartWait(_table, _memory, 3, 1234);
        AwaitWaiters(_table, tid, 2);
        Assert.Equal(1, ThreadExitNotifier.NotifyExit(_table, _memory, tid));
        Assert.Equal(0, _memory[3]);
        Assert.Equal(1, _table.CountWaiters(tid));
        Assert.Equal(1, _table.Wake(tid, 1));
        Assert.Equal(0, Result(first));
        Assert.Equal(0, Result(second));
    }

    [Fact]
    public void Does_nothing_for_a_null_or_unmapped_address()
    {
        Assert.Equal(0, ThreadExitNotifier.NotifyExit(_table, _memory, 0));
        Assert.Equal(0, ThreadExitNotifier.NotifyExit(_table, _memory, 0x1000));
    }

    [Fact]
    public void A_joiner_that_arrives_after_the_exit_sees_the_cleared_word()
    {
        ulong tid = ArrayFutexMemory.AddressOf(3);
        _memory[3] = 1234;
        Assert.Equal(0, ThreadExitNotifier.NotifyExit(_table, _memory, tid));
        Assert.Equal(-FutexErrno.EAGAIN, _table.Wait(new FutexWaiter(), _memory, tid, 1234, FutexDeadline.Infinite));
    }
}
