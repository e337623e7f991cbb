namespace Islet.Cli;

/// <summary>
/// What a command may touch of the process it runs in: its output streams, working directory
/// and environment. Tests give their own writers and directories; <see cref="FromProcess"/>
/// gives the real ones.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>Standard output: only a command's result (summaries, <c>info</c>, URLs).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: errors, progress and build logs.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>The directory relative paths are resolved against.</summary>
    public required string CurrentDirectory { get; init; }

    /// <summary>True when standard error is a terminal, so progress may be animated.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>
    /// Opens standard input, for commands that read a value from <c>-</c> (<c>islet store set PATH -</c>).
    /// The caller disposes the stream. Tests give their own; the default is the process's.
    /// </summary>
    public Func<Stream> OpenInput { get; init; } = Console.OpenStandardInput;

    /// <summary>
    /// Raw standard output, for commands that print bytes (<c>islet store get</c>); <see cref="Out"/>
    /// is flushed before it is written. When null, such bytes go to <see cref="Out"/> decoded as
    /// UTF-8 (what in-process tests capture).
    /// </summary>
    public Stream? RawOut { get; init; }

    /// <summary>
    /// Stops long-running commands (<c>islet store watch</c>, <c>islet store serve</c>) as Ctrl-C
    /// or SIGTERM would; tests cancel it, the process's environment never does.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Reads an environment variable; null when unset.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The environment of this process.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        CurrentDirectory = Directory.GetCurrentDirectory(),
        RawOut = Console.OpenStandardOutput(),
        IsInteractive = !Console.IsErrorRedirected,
    };

    /// <summary>Resolves <paramref name="path"/> against <see cref="CurrentDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
