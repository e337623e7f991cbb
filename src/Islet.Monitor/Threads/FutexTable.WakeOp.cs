using Islet.Monitor.Threads.Internal;

namespace Islet.Monitor.Threads;

public sealed partial class FutexTable
{
    /// <summary>
    /// FUTEX_WAKE_OP: with both buckets locked, atomically applies the operation encoded in
    /// <paramref name="encodedOp"/> (<see cref="FutexWakeOp"/>) to the word at
    /// <paramref name="targetAddress"/>, wakes up to <paramref name="wakeCount"/> waiters on
    /// <paramref name="address"/> and, when the comparison of the old word holds, up to
    /// <paramref name="targetWakeCount"/> on <paramref name="targetAddress"/> (each at least
    /// one, as in Linux; bitsets are ignored). Returns how many were woken. -EINVAL for a
    /// misaligned address, -EFAULT when the word cannot be updated, -ENOSYS for an unknown
    /// operation (the word is unchanged) or comparison (the word was already updated).
    /// </summary>
    public long WakeOp(IFutexMemory memory, ulong address, ulong targetAddress, int wakeCount, int targetWakeCount, uint encodedOp)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (!IsAligned(address) || !IsAligned(targetAddress))
        {
            return -FutexErrno.EINVAL;
        }
        FutexWakeOp op = FutexWakeOp.Decode(encodedOp);
        FutexBucket source = BucketOf(address);
        FutexBucket target = BucketOf(targetAddress);
        EnterPair(source, target);
        try
        {
            int result = ApplyWakeOp(memory, targetAddress, op, out bool condition);
            if (result != 0)
            {
                return result;
            }
            long woken = WakeLocked(source, address, wakeCount, BitsetMatchAny);
            if (condition)
            {
                woken += WakeLocked(target, targetAddress, targetWakeCount, BitsetMatchAny);
            }
            return woken;
        }
        finally
        {
            ExitPair(source, target);
        }
    }

    /// <summary>The atomic read-modify-write of WAKE_OP, by compare-and-exchange. Returns 0 or a negated errno.</summary>
    private static int ApplyWakeOp(IFutexMemory memory, ulong address, FutexWakeOp op, out bool condition)
    {
        condition = false;
        if (op.Apply(0) is null)
        {
            return -FutexErrno.ENOSYS;
        }
        if (!memory.TryLoad(address, out uint old))
        {
            return -FutexErrno.EFAULT;
        }
        while (true)
        {
            uint desired = op.Apply(old)!.Value;
            if (!memory.TryCompareExchange(address, old, desired, out uint actual))
            {
                return -FutexErrno.EFAULT;
            }
            if (actual == old)
            {
                break;
            }
            old = actual;
        }
        if (op.Compare(old) is not bool holds)
        {
            return -FutexErrno.ENOSYS;
        }
        condition = holds;
        return 0;
    }
}
