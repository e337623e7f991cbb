namespace Islet.Monitor.Signals;

/// <summary>
/// The x86-64 Linux signal numbers (asm/signal.h) and their classes. Signals are numbered 1..64;
/// 32..64 are the real-time signals, which queue (the C library reserves 32..34 for itself).
/// </summary>
public static class LinuxSignal
{
    /// <summary>The number of signals, and the highest signal number (_NSIG).</summary>
    public const int Count = 64;

    /// <summary>The first real-time signal (SIGRTMIN as the kernel numbers it).</summary>
    public const int FirstRealTime = 32;

#pragma warning disable CS1591 // The names are the documentation.
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8;
    public const int SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15;
    public const int SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
    public const int SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29;
    public const int SIGPWR = 30, SIGSYS = 31;
#pragma warning restore CS1591

    /// <summary>Whether <paramref name="signal"/> is a signal number (1..64).</summary>
    public static bool IsValid(int signal) => signal is >= 1 and <= Count;

    /// <summary>SIGKILL and SIGSTOP: they cannot be caught, ignored or blocked (sig_kernel_only).</summary>
    public static bool IsKernelOnly(int signal) => signal is SIGKILL or SIGSTOP;

    /// <summary>
    /// The synchronous signals a faulting instruction raises (SYNCHRONOUS_MASK: SIGSEGV, SIGBUS,
    /// SIGILL, SIGTRAP, SIGFPE, SIGSYS); they are dequeued before all others.
    /// </summary>
    public static bool IsSynchronous(int signal) => signal is SIGSEGV or SIGBUS or SIGILL or SIGTRAP or SIGFPE or SIGSYS;

    /// <summary>Whether <paramref name="signal"/> is a real-time signal (32..64), whose instances queue.</summary>
    public static bool IsRealTime(int signal) => signal is >= FirstRealTime and <= Count;

    /// <summary>What the kernel does with <paramref name="signal"/> when its handler is SIG_DFL.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a signal number.</exception>
    public static SignalDefaultAction DefaultAction(int signal) => signal switch
    {
        SIGCHLD or SIGURG or SIGWINCH or SIGCONT => SignalDefaultAction.Ignore,
        SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU => SignalDefaultAction.Stop,
        SIGQUIT or SIGILL or SIGTRAP or SIGABRT or SIGBUS or SIGFPE or SIGSEGV or SIGXCPU or SIGXFSZ or SIGSYS
            => SignalDefaultAction.CoreDump,
        >= 1 and <= Count => SignalDefaultAction.Terminate,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Not a signal number (1..64)."),
    };
}
