namespace Islet.Monitor.Threads;

/// <summary>
/// What Linux's <c>mm_release</c> does for a thread that set <c>clear_child_tid</c>
/// (CLONE_CHILD_CLEARTID or set_tid_address): when the thread exits, store 0 at the address
/// and wake one futex waiter there (pthread_join waits on that word).
/// </summary>
public static class ThreadExitNotifier
{
    /// <summary>
    /// Clears the word at <paramref name="clearChildTid"/> and wakes one waiter on it; does
    /// nothing for address 0. Returns the number woken (0 or 1). As in Linux, failures are
    /// ignored: a word that cannot be written wakes nobody, and a misaligned one is written but
    /// wakes nobody.
    /// </summary>
    public static int NotifyExit(FutexTable table, IFutexMemory memory, ulong clearChildTid)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(memory);
        if (clearChildTid == 0 || !memory.TryStore(clearChildTid, 0))
        {
            return 0;
        }
        long woken = table.Wake(clearChildTid, 1);
        return woken > 0 ? (int)woken : 0;
    }
}
