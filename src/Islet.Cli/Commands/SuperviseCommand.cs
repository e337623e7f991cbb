using System.CommandLine;
using System.Diagnostics;
using Islet.Cli.Internal;
using Islet.Cli.Runs;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet supervise --name NAME --target T --image I [--publish P ...] -- PROGRAM ARGS</c>
/// (hidden): the supervisor of a detached run. It starts a new session, runs PROGRAM as a
/// <see cref="RecordedRun"/> with no console, prints <see cref="DetachedRun.ReadyLine"/> once the
/// run is registered, and from then on writes nothing to the <c>islet run -d</c> that started it
/// (its standard streams become /dev/null).
/// </summary>
public static class SuperviseCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "supervise";

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var name = new Option<string>("--name") { Required = true };
        var target = new Option<string>("--target") { Required = true };
        var image = new Option<string>("--image") { Required = true };
        var publish = new Option<string[]>("--publish") { Arity = ArgumentArity.OneOrMore };
        var command = new Command(Name, "Supervise a detached run (started by islet run -d)") { name, target, image, publish };
        command.Hidden = true;
        command.SetAction(result =>
        {
            if (context.ApplicationArguments.Count == 0) throw CliException.Usage("supervise needs the program to run after --");
            Libc.CreateSession();
            RedirectToNull(0);
            var registry = RunRegistry.FromEnvironment(context.Environment.GetVariable);
            string runName = result.GetValue(name)!;
            var record = new RunRecord(runName, 0, 0, result.GetValue(target)!, result.GetValue(image)!,
                result.GetValue(publish) ?? [], DateTimeOffset.UtcNow, registry.LogPath(runName));
            var start = new ProcessStartInfo(context.ApplicationArguments[0]) { UseShellExecute = false };
            foreach (string argument in context.ApplicationArguments.Skip(1)) start.ArgumentList.Add(argument);
            return RecordedRun.Run(start, registry, record, stdout: null, stderr: null, onRegistered: () =>
            {
                context.Environment.Out.WriteLine(DetachedRun.ReadyLine);
                context.Environment.Out.Flush();
                RedirectToNull(1);
                RedirectToNull(2);
            });
        });
        return command;
    }

    /// <summary>The options that pass <paramref name="record"/>'s name, target, image and ports to the supervisor.</summary>
    public static IEnumerable<string> Arguments(RunRecord record)
    {
        yield return Name;
        yield return "--name";
        yield return record.Name;
        yield return "--target";
        yield return record.Target;
        yield return "--image";
        yield return record.Image;
        foreach (string port in record.Ports)
        {
            yield return "--publish";
            yield return port;
        }
    }

    private static void RedirectToNull(int fd)
    {
        int devNull = Libc.Open("/dev/null", Libc.O_RDWR);
        if (devNull < 0) return;
        Libc.Duplicate(devNull, fd);
        Libc.Close(devNull);
    }
}
