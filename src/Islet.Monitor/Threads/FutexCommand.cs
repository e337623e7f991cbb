namespace Islet.Monitor.Threads;

/// <summary>
/// The futex(2) operations, as the low bits of the <c>op</c> argument once
/// <see cref="FutexTable.PrivateFlag"/> and <see cref="FutexTable.ClockRealtimeFlag"/> are
/// removed (linux/futex.h).
/// </summary>
public enum FutexCommand
{
    /// <summary>FUTEX_WAIT: wait while the word equals <c>val</c>, relative timeout.</summary>
    Wait = 0,
    /// <summary>FUTEX_WAKE: wake up to <c>val</c> waiters.</summary>
    Wake = 1,
    /// <summary>FUTEX_FD (removed in Linux 2.6.26; ENOSYS).</summary>
    Fd = 2,
    /// <summary>FUTEX_REQUEUE: wake <c>val</c>, move up to <c>val2</c> to <c>uaddr2</c>.</summary>
    Requeue = 3,
    /// <summary>FUTEX_CMP_REQUEUE: as <see cref="Requeue"/> if the word equals <c>val3</c>.</summary>
    CmpRequeue = 4,
    /// <summary>FUTEX_WAKE_OP: modify <c>uaddr2</c>, wake on both words depending on its old value.</summary>
    WakeOp = 5,
    /// <summary>FUTEX_LOCK_PI (not implemented; ENOSYS).</summary>
    LockPi = 6,
    /// <summary>FUTEX_UNLOCK_PI (not implemented; ENOSYS).</summary>
    UnlockPi = 7,
    /// <summary>FUTEX_TRYLOCK_PI (not implemented; ENOSYS).</summary>
    TrylockPi = 8,
    /// <summary>FUTEX_WAIT_BITSET: wait with a bitset <c>val3</c>, absolute timeout.</summary>
    WaitBitset = 9,
    /// <summary>FUTEX_WAKE_BITSET: wake waiters whose bitset meets <c>val3</c>.</summary>
    WakeBitset = 10,
    /// <summary>FUTEX_WAIT_REQUEUE_PI (not implemented; ENOSYS).</summary>
    WaitRequeuePi = 11,
    /// <summary>FUTEX_CMP_REQUEUE_PI (not implemented; ENOSYS).</summary>
    CmpRequeuePi = 12,
    /// <summary>FUTEX_LOCK_PI2 (not implemented; ENOSYS).</summary>
    LockPi2 = 13,
}
