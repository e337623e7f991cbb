using Islet.Cli.Targets;

namespace Islet.Cli;

/// <summary>What every command is built with: the environment, the known targets, and the
/// application arguments given after <c>--</c> (only <c>islet run</c> accepts any).</summary>
public sealed class CommandContext
{
    /// <summary>Creates a context.</summary>
    public CommandContext(CliEnvironment environment, TargetRegistry targets, IReadOnlyList<string> applicationArguments)
    {
        Environment = environment;
        Targets = targets;
        ApplicationArguments = applicationArguments;
    }

    /// <summary>Streams, directory and variables of the invocation.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>The targets <c>-t</c> may name.</summary>
    public TargetRegistry Targets { get; }

    /// <summary>Arguments after the first <c>--</c>, passed to the application unchanged.</summary>
    public IReadOnlyList<string> ApplicationArguments { get; }
}
