namespace Islet.Monitor.Signals;

/// <summary>The errno values the signal calls answer with; a call returns their negation.</summary>
public static class SignalErrno
{
    /// <summary>Operation not permitted: sigaltstack changed while running on the alternate stack.</summary>
    public const int EPERM = 1;

    /// <summary>Out of memory: an alternate stack smaller than MINSIGSTKSZ.</summary>
    public const int ENOMEM = 12;

    /// <summary>Bad address: a structure pointer outside guest memory.</summary>
    public const int EFAULT = 14;

    /// <summary>Invalid argument: a bad signal number, sigset size, <c>how</c> or stack mode.</summary>
    public const int EINVAL = 22;
}
