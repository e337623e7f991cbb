using System.CommandLine;
using System.Diagnostics;
using Islet.Cli.Internal;
using Islet.Cli.Runs;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet stop NAME... [--timeout SECONDS] [--kill]</c>: sends each run's process SIGTERM,
/// waits up to the timeout (default 10 s) for it to exit, then sends SIGKILL; <c>--kill</c>
/// sends SIGKILL at once. Prints each stopped name and removes its record. Exit code 0 when
/// every run was stopped; 1 with one <c>islet: </c> line per name that was unknown, had already
/// exited, or could not be signalled.
/// </summary>
public static class StopCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "stop";

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_afterKill = TimeSpan.FromSeconds(5);

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var names = CommonOptions.RejectOptions(new Argument<string[]>("NAME") { Description = "The runs to stop (see islet ps)", Arity = ArgumentArity.OneOrMore });
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait after SIGTERM before SIGKILL", HelpName = "SECONDS", DefaultValueFactory = _ => 10 };
        var kill = new Option<bool>("--kill") { Description = "Send SIGKILL at once" };
        var command = new Command(Name, "Stop running unikernels started by islet run") { names, timeout, kill };
        command.SetAction(result =>
        {
            double seconds = result.GetValue(timeout);
            if (seconds < 0 || double.IsNaN(seconds)) throw CliException.Usage("--timeout must be 0 or more seconds");
            var registry = RunRegistry.FromEnvironment(context.Environment.GetVariable);
            int exitCode = ExitCodes.Success;
            foreach (string name in result.GetValue(names)!)
            {
                try
                {
                    Stop(registry, name, TimeSpan.FromSeconds(seconds), result.GetValue(kill));
                    context.Environment.Out.WriteLine(name);
                }
                catch (CliException e)
                {
                    context.Environment.Error.WriteLine($"islet: {e.Message}");
                    exitCode = ExitCodes.Failure;
                }
            }
            return exitCode;
        });
        return command;
    }

    /// <summary>Stops the run <paramref name="name"/> and removes its record; a failure <see cref="CliException"/> saying why it could not.</summary>
    public static void Stop(RunRegistry registry, string name, TimeSpan timeout, bool killAtOnce)
    {
        var run = registry.TryRead(RunRegistry.CheckName(name)) ?? throw CliException.Failure($"no run named '{name}' (see islet ps)");
        if (!run.IsAlive())
        {
            registry.RemoveIfSame(run);
            throw CliException.Failure($"run '{name}' had already exited (pid {run.Pid} is gone); its record is removed");
        }
        bool stopped = !killAtOnce && Signal(run, Libc.SIGTERM) && WaitForExit(run, timeout);
        if (!stopped && !(Signal(run, Libc.SIGKILL) && WaitForExit(run, s_afterKill)))
        {
            throw CliException.Failure($"run '{name}' (pid {run.Pid}) did not stop even after SIGKILL");
        }
        registry.RemoveIfSame(run);
    }

    /// <summary>Sends <paramref name="signal"/>; true when sent or the process is already gone, a failure <see cref="CliException"/> otherwise.</summary>
    private static bool Signal(RunRecord run, int signal)
    {
        if (!run.IsAlive()) return true;
        if (Libc.Kill(run.Pid, signal) == 0) return true;
        int error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (!run.IsAlive()) return true;
        throw CliException.Failure($"cannot signal run '{run.Name}' (pid {run.Pid}): {new System.ComponentModel.Win32Exception(error).Message}");
    }

    private static bool WaitForExit(RunRecord run, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (run.IsAlive())
        {
            if (clock.Elapsed >= timeout) return false;
            Thread.Sleep(s_poll);
        }
        return true;
    }
}
