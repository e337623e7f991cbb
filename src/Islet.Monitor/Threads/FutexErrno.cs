namespace Islet.Monitor.Threads;

/// <summary>
/// The errno values (Linux x86-64 numbering) the futex calls answer with; a call returns their
/// negation.
/// </summary>
public static class FutexErrno
{
    /// <summary>The wait was interrupted (<see cref="FutexWaiter.Interrupt"/>) or the table shut down.</summary>
    public const int EINTR = 4;

    /// <summary>The futex word did not hold the expected value (EWOULDBLOCK).</summary>
    public const int EAGAIN = 11;

    /// <summary>A guest address could not be read or written.</summary>
    public const int EFAULT = 14;

    /// <summary>A misaligned address, a zero bitset, a bad timespec or a negative count.</summary>
    public const int EINVAL = 22;

    /// <summary>An operation (or a WAKE_OP op or comparison) the table does not implement.</summary>
    public const int ENOSYS = 38;

    /// <summary>The wait's timeout expired before a wake-up.</summary>
    public const int ETIMEDOUT = 110;
}
