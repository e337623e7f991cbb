using Islet.Monitor.Threads.Internal;

namespace Islet.Monitor.Threads;

/// <summary>
/// One guest thread's futex wait token, created once per thread and passed to every wait that
/// thread makes. At most one wait uses it at a time. Another host thread (signal delivery)
/// calls <see cref="Interrupt"/> to make the current or next wait return -EINTR.
/// </summary>
/// <remarks>
/// Locking: the queue fields (<c>_bucket</c>, <c>_address</c>, <c>_bitset</c>) change only under
/// the lock of the bucket the waiter is queued in; <c>_woken</c>, <c>_interruptPending</c> and the
/// blocking use the waiter's own monitor, always taken after a bucket lock, never before.
/// </remarks>
public sealed class FutexWaiter
{
    private readonly LinkedListNode<FutexWaiter> _node;
    private volatile FutexBucket? _bucket;
    private ulong _address;
    private uint _bitset;
    private bool _woken;
    private bool _interruptPending;
    private int _inWait;

    /// <summary>Creates an idle waiter with no interrupt pending.</summary>
    public FutexWaiter()
    {
        _node = new LinkedListNode<FutexWaiter>(this);
    }

    /// <summary>True when an interrupt has been requested and no wait has consumed it yet.</summary>
    public bool IsInterruptPending
    {
        get
        {
            lock (_node)
            {
                return _interruptPending;
            }
        }
    }

    /// <summary>
    /// Makes the current wait return -EINTR promptly (unless a wake-up already won), or, when
    /// the thread is not waiting, the next wait return -EINTR without blocking. The pending
    /// interrupt is consumed by the wait that returns -EINTR for it, or by
    /// <see cref="ClearInterrupt"/>. Safe from any thread.
    /// </summary>
    public void Interrupt()
    {
        lock (_node)
        {
            _interruptPending = true;
            System.Threading.Monitor.PulseAll(_node);
        }
    }

    /// <summary>Forgets a pending interrupt (the monitor delivered the signal some other way).</summary>
    public void ClearInterrupt()
    {
        lock (_node)
        {
            _interruptPending = false;
        }
    }

    internal ulong Address => _address;

    internal uint Bitset => _bitset;

    internal FutexBucket? Bucket => _bucket;

    internal LinkedListNode<FutexWaiter> Node => _node;

    /// <summary>Claims the token for one wait; false when another wait is using it.</summary>
    internal bool TryBeginWait() => Interlocked.Exchange(ref _inWait, 1) == 0;

    internal void EndWait() => Volatile.Write(ref _inWait, 0);

    /// <summary>Consumes a pending interrupt; true when there was one. Called under a bucket lock.</summary>
    internal bool TakeInterrupt()
    {
        lock (_node)
        {
            bool pending = _interruptPending;
            _interruptPending = false;
            return pending;
        }
    }

    /// <summary>Queues the waiter at the tail of <paramref name="bucket"/>. Caller holds its lock.</summary>
    internal void Enqueue(FutexBucket bucket, ulong address, uint bitset)
    {
        lock (_node)
        {
            _woken = false;
        }
        _address = address;
        _bitset = bitset;
        bucket.Waiters.AddLast(_node);
        _bucket = bucket;
    }

    /// <summary>Moves the queued waiter to <paramref name="address"/> in <paramref name="target"/>. Caller holds both locks.</summary>
    internal void Requeue(FutexBucket target, ulong address)
    {
        FutexBucket current = _bucket!;
        if (current != target)
        {
            current.Waiters.Remove(_node);
            target.Waiters.AddLast(_node);
            _bucket = target;
        }
        _address = address;
    }

    /// <summary>Dequeues the waiter and lets its wait return 0. Caller holds its bucket's lock.</summary>
    /// <remarks>
    /// <c>_bucket</c> is cleared inside the waiter's lock, together with setting <c>_woken</c>:
    /// a waiter that sees the null (and so returns 0) can only start its next wait, whose
    /// <see cref="Enqueue"/> takes the same lock, after this wake is done with it, so a late
    /// <c>_woken = true</c> can never end that next wait.
    /// </remarks>
    internal void Wake()
    {
        _bucket!.Waiters.Remove(_node);
        lock (_node)
        {
            _bucket = null;
            _woken = true;
            System.Threading.Monitor.PulseAll(_node);
        }
    }

    /// <summary>
    /// Dequeues the waiter unless a waker already did; true when this call dequeued it. Takes
    /// the bucket lock itself, following the waiter through requeues.
    /// </summary>
    internal bool TryUnqueue()
    {
        while (true)
        {
            FutexBucket? bucket = _bucket;
            if (bucket is null)
            {
                return false;
            }
            lock (bucket.Lock)
            {
                if (_bucket != bucket)
                {
                    continue;
                }
                bucket.Waiters.Remove(_node);
                _bucket = null;
                return true;
            }
        }
    }

    /// <summary>Wakes the blocked thread so it rechecks the table's shutdown flag.</summary>
    internal void Nudge()
    {
        lock (_node)
        {
            System.Threading.Monitor.PulseAll(_node);
        }
    }

    /// <summary>Blocks until woken, interrupted, shut down or past the deadline. Holds no bucket lock.</summary>
    internal FutexWaitOutcome Block(FutexDeadline deadline, IFutexClock clock, FutexTable table)
    {
        lock (_node)
        {
            while (true)
            {
                if (_woken)
                {
                    return FutexWaitOutcome.Woken;
                }
                if (_interruptPending)
                {
                    return FutexWaitOutcome.Interrupted;
                }
                if (table.IsShutdown)
                {
                    return FutexWaitOutcome.Shutdown;
                }
                if (deadline.IsInfinite)
                {
                    System.Threading.Monitor.Wait(_node);
                    continue;
                }
                long remaining = deadline.Remaining(clock);
                if (remaining <= 0)
                {
                    return FutexWaitOutcome.TimedOut;
                }
                long milliseconds = Math.Min((remaining + 999_999) / 1_000_000, int.MaxValue - 1);
                System.Threading.Monitor.Wait(_node, (int)milliseconds);
            }
        }
    }
}
