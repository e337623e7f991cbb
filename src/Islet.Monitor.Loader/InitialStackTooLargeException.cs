namespace Islet.Monitor.Loader;

/// <summary>
/// The initial stack does not fit: the strings exceed a quarter of the stack region (the rule
/// Linux applies with RLIMIT_STACK), one string exceeds <see cref="InitialStack.MaxStringLength"/>
/// (MAX_ARG_STRLEN), or the whole layout exceeds the region. Nothing was written. The monitor
/// reports it as E2BIG.
/// </summary>
public sealed class InitialStackTooLargeException : Exception
{
    /// <summary>Creates the exception with a message giving the sizes.</summary>
    public InitialStackTooLargeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public InitialStackTooLargeException() : base("The initial stack does not fit in its region.")
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InitialStackTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
