namespace Islet.Monitor.Threads;

public sealed partial class FutexTable
{
    /// <summary>
    /// The futex(2) system call: <c>futex(uaddr, op, val, timeout | val2, uaddr2, val3)</c>,
    /// where <paramref name="timeoutOrVal2"/> is the timespec pointer for the waits and the
    /// integer <c>val2</c> for the requeues and WAKE_OP. The timespec is read before anything
    /// else (-EFAULT, -EINVAL). FUTEX_CLOCK_REALTIME is accepted only on FUTEX_WAIT (where the
    /// relative timeout then runs on CLOCK_REALTIME, as since Linux 4.5) and FUTEX_WAIT_BITSET;
    /// elsewhere, and for every unimplemented operation, -ENOSYS.
    /// </summary>
    public long Invoke(FutexWaiter waiter, IFutexMemory memory, ulong uaddr, int op, uint val, ulong timeoutOrVal2, ulong uaddr2, uint val3)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var command = (FutexCommand)(op & ~(PrivateFlag | ClockRealtimeFlag));
        bool realtime = (op & ClockRealtimeFlag) != 0;
        bool isWait = command is FutexCommand.Wait or FutexCommand.WaitBitset;
        if (realtime && !isWait)
        {
            return -FutexErrno.ENOSYS;
        }
        if (isWait)
        {
            bool absolute = command == FutexCommand.WaitBitset;
            int result = GuestTimespec.TryReadDeadline(memory, timeoutOrVal2, absolute, realtime, Clock, out FutexDeadline deadline);
            if (result != 0)
            {
                return result;
            }
            return Wait(waiter, memory, uaddr, val, deadline, absolute ? val3 : BitsetMatchAny);
        }
        return command switch
        {
            FutexCommand.Wake => Wake(uaddr, (int)val),
            FutexCommand.WakeBitset => Wake(uaddr, (int)val, val3),
            FutexCommand.Requeue => Requeue(memory, uaddr, uaddr2, (int)val, (int)timeoutOrVal2),
            FutexCommand.CmpRequeue => Requeue(memory, uaddr, uaddr2, (int)val, (int)timeoutOrVal2, val3),
            FutexCommand.WakeOp => WakeOp(memory, uaddr, uaddr2, (int)val, (int)timeoutOrVal2, val3),
            _ => -FutexErrno.ENOSYS,
        };
    }
}
