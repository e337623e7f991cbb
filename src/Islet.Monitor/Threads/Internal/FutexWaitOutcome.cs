namespace Islet.Monitor.Threads.Internal;

/// <summary>Why a waiter stopped blocking.</summary>
internal enum FutexWaitOutcome
{
    /// <summary>A waker dequeued it.</summary>
    Woken,
    /// <summary>The deadline passed.</summary>
    TimedOut,
    /// <summary><see cref="FutexWaiter.Interrupt"/> was called.</summary>
    Interrupted,
    /// <summary>The table shut down.</summary>
    Shutdown,
}
