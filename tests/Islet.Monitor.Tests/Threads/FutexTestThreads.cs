using System.Diagnostics;
using Islet.Monitor.Threads;

namespace Islet.Monitor.Tests.Threads;

/// <summary>Runs guest-thread stand-ins on their own host threads, bounded so a bug fails rather than hangs.</summary>
internal static class FutexTestThreads
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="body"/> on a new background thread; the task completes with its result.</summary>
    public static Task<long> Start(Func<long> body)
    {
        var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(body());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        { IsBackground = true };
        thread.Start();
        return completion.Task;
    }

    /// <summary>Starts a plain FUTEX_WAIT with no timeout on word <paramref name="index"/>.</summary>
    public static Task<long> StartWait(FutexTable table, ArrayFutexMemory memory, int index, uint expected, FutexWaiter? waiter = null, uint bitset = FutexTable.BitsetMatchAny)
    {
        waiter ??= new FutexWaiter();
        return Start(() => table.Wait(waiter, memory, ArrayFutexMemory.AddressOf(index), expected, FutexDeadline.Infinite, bitset));
    }

    /// <summary>Spins until <paramref name="count"/> waiters are queued on the address; fails after <see cref="Patience"/>.</summary>
    public static void AwaitWaiters(FutexTable table, ulong address, int count)
    {
        var clock = Stopwatch.StartNew();
        while (table.CountWaiters(address) != count)
        {
            Assert.True(clock.Elapsed < Patience, $"expected {count} waiters at 0x{address:x}, have {table.CountWaiters(address)}");
            Thread.Sleep(1);
        }
    }

    /// <summary>The task's result, failing the test when it does not finish within <see cref="Patience"/>.</summary>
    public static long Result(Task<long> task)
    {
        Assert.True(task.Wait(Patience), "the wait did not return");
        return task.Result;
    }

    /// <summary>True when all tasks finish within <paramref name="limit"/>.</summary>
    public static bool AllFinish(Task[] tasks, TimeSpan limit) => Task.WaitAll(tasks, limit);

    /// <summary>The index of a task that finished within <see cref="Patience"/>, or -1.</summary>
    public static int AnyFinishes(Task[] tasks) => Task.WaitAny(tasks, Patience);

    /// <summary>Asserts the task is still running (has not returned by now).</summary>
    public static void AssertBlocked(Task<long> task) => Assert.False(task.IsCompleted, "the wait returned early");
}
