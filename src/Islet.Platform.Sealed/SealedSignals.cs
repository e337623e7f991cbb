using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Islet.Platform.Sealed.Interop;

namespace Islet.Platform.Sealed;

/// <summary>
/// Shutdown and cross-thread wake-up for a sealed image without creating a file descriptor:
/// SIGTERM, SIGINT and SIGURG are blocked on the loop thread (the spt launcher blocks them
/// before the exec, so every thread of the image inherits the mask) and unblocked only
/// atomically inside <c>ppoll</c>. A signal is therefore delivered only while the loop
/// thread waits: the wait ends with EINTR and the handler, a few stores, runs at that one
/// well-defined point, never in the middle of managed code.
/// </summary>
/// <remarks>
/// The first SIGTERM or SIGINT asks the loop to shut down; a second ends the process with
/// 128 + the signal. SIGURG, sent with <c>tgkill</c> to the loop thread, is the wake-up
/// another thread uses to end a wait (it carries no meaning of its own).
/// </remarks>
internal static unsafe class SealedSignals
{
    private static int s_shutdownSignals;
    private static int s_loopThread;
    private static int s_process;
    private static SealedLibC.SigSet s_waitMask;

    /// <summary>True once a SIGTERM or SIGINT has been received.</summary>
    public static bool ShutdownRequested => Volatile.Read(ref s_shutdownSignals) > 0;

    /// <summary>The mask <c>ppoll</c> waits with: the thread's mask less the three signals.</summary>
    public static SealedLibC.SigSet* WaitMask => (SealedLibC.SigSet*)Unsafe.AsPointer(ref s_waitMask);

    /// <summary>Installs the handlers and blocks the signals on the calling (loop) thread.</summary>
    public static void Install()
    {
        s_loopThread = SealedLibC.gettid();
        s_process = SealedLibC.getpid();
        var action = default(SealedLibC.SigAction);
        action.Handler = &OnSignal;
        foreach (int signal in (ReadOnlySpan<int>)[SealedLibC.SIGTERM, SealedLibC.SIGINT, SealedLibC.SIGURG])
        {
            // SAFETY: action is a complete glibc struct sigaction on the stack; the old action is not wanted.
            if (SealedLibC.sigaction(signal, &action, null) != 0)
            {
                throw new InvalidOperationException($"sigaction({signal}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        var block = default(SealedLibC.SigSet);
        AddSignal(ref block, SealedLibC.SIGTERM);
        AddSignal(ref block, SealedLibC.SIGINT);
        AddSignal(ref block, SealedLibC.SIGURG);
        var old = default(SealedLibC.SigSet);
        // SAFETY: both sets are complete sigset_t values on the stack.
        SealedLibC.pthread_sigmask(SealedLibC.SIG_BLOCK, &block, &old);
        s_waitMask = old;
        RemoveSignal(ref s_waitMask, SealedLibC.SIGTERM);
        RemoveSignal(ref s_waitMask, SealedLibC.SIGINT);
        RemoveSignal(ref s_waitMask, SealedLibC.SIGURG);
    }

    /// <summary>Ends the loop thread's current or next wait. Safe from any thread.</summary>
    public static void WakeLoop()
    {
        if (s_loopThread != 0) SealedLibC.tgkill(s_process, s_loopThread, SealedLibC.SIGURG);
    }

    [UnmanagedCallersOnly]
    private static void OnSignal(int signal)
    {
        if (signal == SealedLibC.SIGURG) return;
        if (Interlocked.Increment(ref s_shutdownSignals) > 1) SealedLibC._exit(128 + signal);
    }

    private static void AddSignal(ref SealedLibC.SigSet set, int signal) =>
        set.Bits[(signal - 1) / 64] |= 1UL << ((signal - 1) % 64);

    private static void RemoveSignal(ref SealedLibC.SigSet set, int signal) =>
        set.Bits[(signal - 1) / 64] &= ~(1UL << ((signal - 1) % 64));
}
