using Islet.Cli.Targets;

namespace Islet.Cli.Tests;

/// <summary>Runs the command line in-process against a directory, capturing stdout and stderr.</summary>
internal sealed class CliHarness
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    /// <summary>A harness in <paramref name="currentDirectory"/>; runs are registered in its <c>.runs</c> (ISLET_RUNTIME_DIR), never the user's.</summary>
    public CliHarness(string currentDirectory)
    {
        CurrentDirectory = currentDirectory;
        _variables[Runs.RunRegistry.DirectoryVariable] = System.IO.Path.Combine(currentDirectory, ".runs");
    }

    public string CurrentDirectory { get; }

    public TargetRegistry Targets { get; set; } = TargetRegistry.CreateDefault();

    public CliHarness WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    /// <summary>What <c>-</c> reads as standard input.</summary>
    public byte[] Input { get; set; } = [];

    /// <summary>Raw standard output for byte values (<c>islet store get</c>); null: they go to <see cref="CliResult.Out"/> as UTF-8.</summary>
    public Stream? RawOut { get; set; }

    /// <summary>Stops <c>watch</c> and <c>serve</c> as Ctrl-C would.</summary>
    public CancellationToken Cancellation { get; set; }

    public CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            CurrentDirectory = CurrentDirectory,
            IsInteractive = false,
            GetVariable = name => _variables.TryGetValue(name, out var value) ? value : null,
            OpenInput = () => new MemoryStream(Input, writable: false),
            Cancellation = Cancellation,
            RawOut = RawOut,
        };
        int exitCode = IsletCommandLine.Invoke(args, environment, Targets);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
