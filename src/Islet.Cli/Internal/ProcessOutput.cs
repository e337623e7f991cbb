namespace Islet.Cli.Internal;

/// <summary>A finished process: its exit code and the last lines it wrote (stdout and stderr interleaved).</summary>
internal sealed record ProcessOutput(int ExitCode, IReadOnlyList<string> Tail);
