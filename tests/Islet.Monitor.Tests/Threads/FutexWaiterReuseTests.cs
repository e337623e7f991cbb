using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

public sealed class FutexWaiterReuseTests
{
    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(64);

    [Fact]
    public void A_wake_racing_with_a_timeout_never_leaks_into_the_next_wait()
    {
        // Words 0 and 1 hash to different buckets in most tables; alternate so a late wake of
        // the previous wait could only reach the next one through the waiter's own state.
        ulong[] words = [ArrayFutexMemory.AddressOf(0), ArrayFutexMemory.AddressOf(33)];
        bool stop = false;
        Task<long> waker = Start(() =>
        {
            long woken = 0;
            while (!Volatile.Read(ref stop))
            {
                woken += _table.Wake(words[0], 1) + _table.Wake(words[1], 1);
            }
            return woken;
        });
        Task<long> sleeper = Start(() =>
        {
            var waiter = new FutexWaiter();
            for (int i = 0; i < 20_000; i++)
            {
                ulong word = words[i & 1];
                long result = _table.Wait(waiter, _memory, word, 0, FutexDeadline.Monotonic(0));
                if (result is not (0 or -FutexErrno.ETIMEDOUT))
                {
                    return result;
                }
                if (_table.CountWaiters(word) != 0)
                {
                    return -1000;
                }
            }
            return 0;
        });
        long outcome = Result(sleeper);
        Volatile.Write(ref stop, true);
        Result(waker);
        Assert.Equal(0, outcome);
    }
}
