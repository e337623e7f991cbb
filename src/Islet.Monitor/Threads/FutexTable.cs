using System.Numerics;
using Islet.Monitor.Threads.Internal;

namespace Islet.Monitor.Threads;

/// <summary>
/// The guest's futexes, keyed by guest-virtual address: all futexes are process-private in the
/// single-process guest, so <see cref="PrivateFlag"/> is accepted and changes nothing. Waiters
/// are queued in hash buckets, each with a lock; a wait reads the futex word under its bucket's
/// lock, the lock every waker of that address takes, so a waker that stores a new value and
/// then wakes cannot slip between a waiter's check and its sleep (Linux's futex_wait_setup).
/// Calls return a count or 0, or a negated <see cref="FutexErrno"/> value.
/// </summary>
/// <remarks>
/// Thread-safe: each vCPU's host thread calls in with its own <see cref="FutexWaiter"/>.
/// PI futexes, FUTEX_FD and the requeue-PI operations are not implemented (-ENOSYS).
/// </remarks>
public sealed partial class FutexTable
{
    /// <summary>FUTEX_PRIVATE_FLAG: accepted on every operation, with no effect.</summary>
    public const int PrivateFlag = 128;

    /// <summary>FUTEX_CLOCK_REALTIME: timeouts on CLOCK_REALTIME (waits only; -ENOSYS elsewhere).</summary>
    public const int ClockRealtimeFlag = 256;

    /// <summary>FUTEX_BITSET_MATCH_ANY: the bitset of a plain wait or wake.</summary>
    public const uint BitsetMatchAny = uint.MaxValue;

    private const int BucketCount = 64;

    private readonly FutexBucket[] _buckets;
    private volatile bool _shutdown;

    /// <summary>Creates an empty table whose timeouts use <paramref name="clock"/> (default: the host's).</summary>
    public FutexTable(IFutexClock? clock = null)
    {
        Clock = clock ?? SystemFutexClock.Instance;
        _buckets = new FutexBucket[BucketCount];
        for (int i = 0; i < BucketCount; i++)
        {
            _buckets[i] = new FutexBucket(i);
        }
    }

    /// <summary>The clocks timeouts are measured on.</summary>
    public IFutexClock Clock { get; }

    /// <summary>True once <see cref="Shutdown"/> has been called.</summary>
    public bool IsShutdown => _shutdown;

    /// <summary>
    /// Ends all waiting for good (the VM is stopping): every current wait returns -EINTR
    /// promptly and every later wait returns -EINTR without blocking. Wakes still work.
    /// </summary>
    public void Shutdown()
    {
        _shutdown = true;
        foreach (FutexBucket bucket in _buckets)
        {
            lock (bucket.Lock)
            {
                foreach (FutexWaiter waiter in bucket.Waiters)
                {
                    waiter.Nudge();
                }
            }
        }
    }

    /// <summary>
    /// FUTEX_WAIT / FUTEX_WAIT_BITSET: if the word at <paramref name="address"/> equals
    /// <paramref name="expected"/>, sleeps until a wake whose bitset meets
    /// <paramref name="bitset"/> (0), the deadline (-ETIMEDOUT), an interrupt or shutdown
    /// (-EINTR). Otherwise -EAGAIN; -EINVAL for a zero bitset or a misaligned address; -EFAULT
    /// when the word cannot be read. A wake that races with a timeout or interrupt wins.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="waiter"/> is already in a wait.</exception>
    public long Wait(FutexWaiter waiter, IFutexMemory memory, ulong address, uint expected, FutexDeadline deadline, uint bitset = BitsetMatchAny)
    {
        ArgumentNullException.ThrowIfNull(waiter);
        ArgumentNullException.ThrowIfNull(memory);
        if (bitset == 0 || !IsAligned(address))
        {
            return -FutexErrno.EINVAL;
        }
        if (!waiter.TryBeginWait())
        {
            throw new InvalidOperationException("The futex waiter is already in a wait.");
        }
        try
        {
            FutexBucket bucket = BucketOf(address);
            lock (bucket.Lock)
            {
                if (_shutdown || waiter.TakeInterrupt())
                {
                    return -FutexErrno.EINTR;
                }
                if (!memory.TryLoad(address, out uint value))
                {
                    return -FutexErrno.EFAULT;
                }
                if (value != expected)
                {
                    return -FutexErrno.EAGAIN;
                }
                waiter.Enqueue(bucket, address, bitset);
            }
            FutexWaitOutcome outcome = waiter.Block(deadline, Clock, this);
            if (outcome == FutexWaitOutcome.Woken || !waiter.TryUnqueue())
            {
                return 0;
            }
            if (outcome == FutexWaitOutcome.TimedOut)
            {
                return -FutexErrno.ETIMEDOUT;
            }
            if (outcome == FutexWaitOutcome.Interrupted)
            {
                waiter.TakeInterrupt();
            }
            return -FutexErrno.EINTR;
        }
        finally
        {
            waiter.EndWait();
        }
    }

    /// <summary>
    /// FUTEX_WAKE / FUTEX_WAKE_BITSET: wakes waiters on <paramref name="address"/> whose bitset
    /// meets <paramref name="bitset"/>, oldest first, and returns how many. As in Linux a count
    /// below 1 still wakes one. -EINVAL for a zero bitset or a misaligned address.
    /// </summary>
    public long Wake(ulong address, int count, uint bitset = BitsetMatchAny)
    {
        if (bitset == 0 || !IsAligned(address))
        {
            return -FutexErrno.EINVAL;
        }
        FutexBucket bucket = BucketOf(address);
        lock (bucket.Lock)
        {
            return WakeLocked(bucket, address, count, bitset);
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> (at least one) matching waiters. Caller holds the bucket lock.</summary>
    private static int WakeLocked(FutexBucket bucket, ulong address, int count, uint bitset)
    {
        int woken = 0;
        LinkedListNode<FutexWaiter>? node = bucket.Waiters.First;
        while (node is not null)
        {
            LinkedListNode<FutexWaiter>? next = node.Next;
            FutexWaiter waiter = node.Value;
            if (waiter.Address == address && (waiter.Bitset & bitset) != 0)
            {
                waiter.Wake();
                if (++woken >= count)
                {
                    break;
                }
            }
            node = next;
        }
        return woken;
    }

    /// <summary>How many waiters are queued on <paramref name="address"/> (for tests).</summary>
    internal int CountWaiters(ulong address)
    {
        FutexBucket bucket = BucketOf(address);
        lock (bucket.Lock)
        {
            int count = 0;
            foreach (FutexWaiter waiter in bucket.Waiters)
            {
                if (waiter.Address == address)
                {
                    count++;
                }
            }
            return count;
        }
    }

    private static bool IsAligned(ulong address) => (address & 3) == 0;

    private FutexBucket BucketOf(ulong address)
    {
        ulong hash = (address >> 2) * 0x9E37_79B9_7F4A_7C15UL;
        return _buckets[(int)(hash >> (64 - BitOperations.Log2(BucketCount)))];
    }

    /// <summary>Locks one bucket, or two in index order; undo with <see cref="ExitPair"/>.</summary>
    private static void EnterPair(FutexBucket first, FutexBucket second)
    {
        if (first == second)
        {
            first.Lock.Enter();
            return;
        }
        (FutexBucket low, FutexBucket high) = first.Index < second.Index ? (first, second) : (second, first);
        low.Lock.Enter();
        high.Lock.Enter();
    }

    private static void ExitPair(FutexBucket first, FutexBucket second)
    {
        first.Lock.Exit();
        if (first != second)
        {
            second.Lock.Exit();
        }
    }
}
