namespace Islet;

/// <summary>
/// Thrown by an application that was started with arguments it cannot use. Every target reports
/// it as one line, <c>islet: MESSAGE</c>, without a stack trace, and exits with status 2, as it
/// does for bad Islet options; any other exception is a failure (status 1, with its trace).
/// </summary>
public sealed class UnikernelUsageException : Exception
{
    /// <summary>An error whose message says what was wrong and how to call the application.</summary>
    public UnikernelUsageException(string message)
        : base(message)
    {
    }
}
