namespace Islet.Monitor.Threads.Internal;

/// <summary>
/// One hash bucket of a <see cref="FutexTable"/>: the waiters on the addresses that hash here,
/// in arrival order, and the lock that guards them (Linux's <c>futex_hash_bucket</c>). The
/// lock is taken before any waiter's own lock, never after.
/// </summary>
internal sealed class FutexBucket(int index)
{
    /// <summary>The bucket's position in the table; two buckets are locked in index order.</summary>
    public int Index { get; } = index;

    /// <summary>Guards <see cref="Waiters"/> and the queue fields of every waiter in it.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The queued waiters, oldest first.</summary>
    public LinkedList<FutexWaiter> Waiters { get; } = new();
}
