namespace Islet.Monitor.Signals;

/// <summary>
/// A set of signals 1..64 as the kernel's 64-bit sigset_t: signal <c>n</c> is bit <c>n - 1</c>.
/// </summary>
/// <param name="Bits">The raw sigset_t word.</param>
public readonly record struct SignalSet(ulong Bits)
{
    /// <summary>The size of sigset_t in bytes; rt_sigprocmask and rt_sigaction require it as sigsetsize.</summary>
    public const int Size = 8;

    /// <summary>The empty set.</summary>
    public static SignalSet Empty => default;

    /// <summary>SIGKILL and SIGSTOP, which can never be blocked.</summary>
    public static SignalSet KernelOnly => Of(LinuxSignal.SIGKILL).With(LinuxSignal.SIGSTOP);

    /// <summary>The synchronous fault signals (<see cref="LinuxSignal.IsSynchronous"/>).</summary>
    public static SignalSet Synchronous => Of(LinuxSignal.SIGSEGV).With(LinuxSignal.SIGBUS).With(LinuxSignal.SIGILL)
        .With(LinuxSignal.SIGTRAP).With(LinuxSignal.SIGFPE).With(LinuxSignal.SIGSYS);

    /// <summary>Whether the set is empty.</summary>
    public bool IsEmpty => Bits == 0;

    /// <summary>The set holding only <paramref name="signal"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a signal number.</exception>
    public static SignalSet Of(int signal) => new(Bit(signal));

    /// <summary>Whether <paramref name="signal"/> is in the set; false for numbers outside 1..64.</summary>
    public bool Contains(int signal) => LinuxSignal.IsValid(signal) && (Bits & (1UL << (signal - 1))) != 0;

    /// <summary>The set with <paramref name="signal"/> added.</summary>
    public SignalSet With(int signal) => new(Bits | Bit(signal));

    /// <summary>The set with <paramref name="signal"/> removed.</summary>
    public SignalSet Without(int signal) => new(Bits & ~Bit(signal));

    /// <summary>The union of both sets.</summary>
    public SignalSet Union(SignalSet other) => new(Bits | other.Bits);

    /// <summary>The signals of this set that are not in <paramref name="other"/>.</summary>
    public SignalSet Except(SignalSet other) => new(Bits & ~other.Bits);

    /// <summary>The signals in both sets.</summary>
    public SignalSet Intersect(SignalSet other) => new(Bits & other.Bits);

    /// <summary>The lowest signal number in the set, or 0 if it is empty.</summary>
    public int Lowest => Bits == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount(Bits) + 1;

    /// <inheritdoc/>
    public override string ToString() => $"0x{Bits:x16}";

    private static ulong Bit(int signal) => LinuxSignal.IsValid(signal)
        ? 1UL << (signal - 1)
        : throw new ArgumentOutOfRangeException(nameof(signal), signal, "Not a signal number (1..64).");
}
