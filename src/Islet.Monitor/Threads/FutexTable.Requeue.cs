using Islet.Monitor.Threads.Internal;

namespace Islet.Monitor.Threads;

public sealed partial class FutexTable
{
    /// <summary>
    /// FUTEX_REQUEUE (<paramref name="expected"/> null) and FUTEX_CMP_REQUEUE: wakes up to
    /// <paramref name="wakeCount"/> waiters on <paramref name="address"/> and moves up to
    /// <paramref name="requeueCount"/> more to wait on <paramref name="targetAddress"/>, keeping
    /// their bitsets. Returns woken plus requeued (what Linux returns for both operations).
    /// -EAGAIN when the word at <paramref name="address"/> differs from
    /// <paramref name="expected"/>, -EFAULT when it cannot be read, -EINVAL for a negative
    /// count or a misaligned address.
    /// </summary>
    public long Requeue(IFutexMemory memory, ulong address, ulong targetAddress, int wakeCount, int requeueCount, uint? expected = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (wakeCount < 0 || requeueCount < 0 || !IsAligned(address) || !IsAligned(targetAddress))
        {
            return -FutexErrno.EINVAL;
        }
        FutexBucket source = BucketOf(address);
        FutexBucket target = BucketOf(targetAddress);
        EnterPair(source, target);
        try
        {
            if (expected is uint value)
            {
                if (!memory.TryLoad(address, out uint current))
                {
                    return -FutexErrno.EFAULT;
                }
                if (current != value)
                {
                    return -FutexErrno.EAGAIN;
                }
            }
            long taskCount = 0;
            LinkedListNode<FutexWaiter>? node = source.Waiters.First;
            while (node is not null && taskCount - wakeCount < requeueCount)
            {
                LinkedListNode<FutexWaiter>? next = node.Next;
                FutexWaiter waiter = node.Value;
                if (waiter.Address == address)
                {
                    if (++taskCount <= wakeCount)
                    {
                        waiter.Wake();
                    }
                    else
                    {
                        waiter.Requeue(target, targetAddress);
                    }
                }
                node = next;
            }
            return taskCount;
        }
        finally
        {
            ExitPair(source, target);
        }
    }
}
