using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

/// <summary>
/// A lost wake-up would leave a thread asleep on a free mutex: these tests would then time out
/// (and fail) instead of finishing with the right count.
/// </summary>
public sealed class FutexMutexStressTests
{
    private const int Threads = 4;
    private const int Iterations = 10_000;

    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(16);

    [Fact]
    public void A_futex_mutex_serialises_four_threads()
    {
        ulong mutex = ArrayFutexMemory.AddressOf(0);
        int counter = 0;
        Task<long>[] workers = [.. Enumerable.Range(0, Threads).Select(_ => Start(() =>
        {
            var waiter = new FutexWaiter();
            for (int i = 0; i < Iterations; i++)
            {
                Lock(waiter, mutex);
                int before = counter;
                if ((i & 15) == 0)
                {
                    // Hold the lock across a reschedule now and then, so the others contend and sleep.
                    Thread.Yield();
                }
                counter = before + 1;
                Unlock(mutex);
            }
            return 0;
        }))];
        bool finished = AllFinish(workers, TimeSpan.FromSeconds(8));
        if (!finished)
        {
            _table.Shutdown();
        }
        Assert.True(finished, "a thread was never woken");
        Assert.Equal(Threads * Iterations, counter);
        Assert.Equal(0, _memory[0]);
    }

    [Fact]
    public void Turn_taking_over_one_word_never_loses_a_turn()
    {
        // A sequence word handed back and forth: each thread waits on it for its turn, then wakes all.
        ulong sequence = ArrayFutexMemory.AddressOf(4);
        const int Rounds = 2_000;
        Task<long>[] players = [.. Enumerable.Range(0, 2).Select(me => Start(() =>
        {
            var waiter = new FutexWaiter();
            for (int round = 0; round < Rounds; round++)
            {
                int turn = round * 2 + me;
                int seen;
                while ((seen = Volatile.Read(ref _memory[4])) != turn)
                {
                    long result = _table.Wait(waiter, _memory, sequence, (uint)seen, FutexDeadline.Infinite);
                    Assert.True(result is 0 or -FutexErrno.EAGAIN, $"wait returned {result}");
                }
                Interlocked.Increment(ref _memory[4]);
                _table.Wake(sequence, int.MaxValue);
            }
            return 0;
        }))];
        bool finished = AllFinish(players, TimeSpan.FromSeconds(8));
        if (!finished)
        {
            _table.Shutdown();
        }
        Assert.True(finished, "a turn was never handed over");
        Assert.Equal(Rounds * 2, _memory[4]);
    }

    /// <summary>Drepper's "Futexes are tricky" mutex 2: 0 free, 1 locked, 2 locked with waiters.</summary>
    private void Lock(FutexWaiter waiter, ulong address)
    {
        ref int word = ref _memory[0];
        int c = Interlocked.CompareExchange(ref word, 1, 0);
        if (c == 0)
        {
            return;
        }
        if (c != 2)
        {
            c = Interlocked.Exchange(ref word, 2);
        }
        while (c != 0)
        {
            long result = _table.Wait(waiter, _memory, address, 2, FutexDeadline.Infinite);
            if (result is not (0 or -FutexErrno.EAGAIN))
            {
                throw new InvalidOperationException($"futex wait returned {result}");
            }
            c = Interlocked.Exchange(ref word, 2);
        }
    }

    private void Unlock(ulong address)
    {
        if (Interlocked.Decrement(ref _memory[0]) != 0)
        {
            Volatile.Write(ref _memory[0], 0);
            _table.Wake(address, 1);
        }
    }
}
