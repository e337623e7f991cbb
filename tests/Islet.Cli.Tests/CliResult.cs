namespace Islet.Cli.Tests;

/// <summary>The exit code and captured output of one command line.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Stderr as lines (without the trailing empty one).</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
