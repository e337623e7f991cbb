namespace Islet.Cli;

/// <summary>
/// An error that ends a command: <see cref="Exception.Message"/> is one line, printed as
/// <c>islet: MESSAGE</c> on standard error, and the command exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException : Exception
{
    private CliException(string message, int exitCode) : base(message) => ExitCode = exitCode;

    /// <summary><see cref="ExitCodes.Usage"/> or <see cref="ExitCodes.Failure"/>.</summary>
    public int ExitCode { get; }

    /// <summary>A bad argument or a missing input file (exit code 2).</summary>
    public static CliException Usage(string message) => new(message, ExitCodes.Usage);

    /// <summary>A build, run or I/O failure (exit code 1).</summary>
    public static CliException Failure(string message) => new(message, ExitCodes.Failure);
}
