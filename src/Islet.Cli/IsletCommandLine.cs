using System.CommandLine;
using System.CommandLine.Invocation;
using Islet.Cli.Commands;
using Islet.Cli.Targets;

namespace Islet.Cli;

/// <summary>
/// The <c>islet</c> command line: <c>new</c>, <c>build</c>, <c>run</c>, <c>ps</c>, <c>stop</c>,
/// <c>logs</c>, <c>info</c> and <c>store</c>.
/// Every error is one line on standard error starting with <c>islet: </c>; the exit code is
/// 2 for usage errors and 1 for failures (see <see cref="ExitCodes"/>).
/// </summary>
public static class IsletCommandLine
{
    /// <summary>Builds the root command for <paramref name="context"/>.</summary>
    public static RootCommand CreateRoot(CommandContext context)
    {
        var root = new RootCommand("Islet: build and run C# unikernels.")
        {
            NewCommand.Create(context),
            BuildCommand.Create(context),
            RunCommand.Create(context),
            PsCommand.Create(context),
            StopCommand.Create(context),
            LogsCommand.Create(context),
            InfoCommand.Create(context),
            SuperviseCommand.Create(context),
            StoreCommand.Create(context),
        };
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/> with the default targets and returns the exit code.
    /// Arguments after the first <c>--</c> go to the application (<c>islet run</c> only; the
    /// hidden <c>supervise</c> takes the program to run there).
    /// </summary>
    public static int Invoke(string[] args, CliEnvironment environment) =>
        Invoke(args, environment, TargetRegistry.CreateDefault());

    /// <summary>As <see cref="Invoke(string[], CliEnvironment)"/>, with the given targets.</summary>
    public static int Invoke(string[] args, CliEnvironment environment, TargetRegistry targets)
    {
        if (args.Length == 0)
        {
            return Fail(environment, "no command given; try 'islet --help'", ExitCodes.Usage);
        }
        int separator = Array.IndexOf(args, "--");
        string[] head = separator < 0 ? args : args[..separator];
        string[] tail = separator < 0 ? [] : args[(separator + 1)..];
        var context = new CommandContext(environment, targets, tail);
        var root = CreateRoot(context);
        var result = root.Parse(head);

        if (result.Action is ParseErrorAction)
        {
            string message = result.Errors.Count > 0 ? result.Errors[0].Message : "invalid command line";
            return Fail(environment, message, ExitCodes.Usage);
        }
        if (tail.Length > 0 && result.CommandResult.Command.Name is not (RunCommand.Name or SuperviseCommand.Name))
        {
            return Fail(environment, $"'{result.CommandResult.Command.Name}' takes no application arguments after --", ExitCodes.Usage);
        }
        try
        {
            return result.Invoke(new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CliException e)
        {
            return Fail(environment, e.Message, e.ExitCode);
        }
    }

    private static int Fail(CliEnvironment environment, string message, int exitCode)
    {
        environment.Error.WriteLine($"islet: {FirstLine(message)}");
        return exitCode;
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
