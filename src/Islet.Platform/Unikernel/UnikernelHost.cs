using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Events;

namespace Islet;

/// <summary>
/// What every process-based binding does around the application: SIGINT/SIGTERM handling,
/// the exit code, and content resolution. Bindings differ only in devices and stack.
/// </summary>
public static class UnikernelHost
{
    /// <summary>
    /// Runs <paramref name="main"/> on <paramref name="loop"/> (on the calling thread). The first
    /// SIGINT or SIGTERM cancels <see cref="EventLoop.ShutdownToken"/>; a second one ends the
    /// process at once. Returns 0 when the application finished or stopped on shutdown, 1 when
    /// it failed (the exception is printed on stderr).
    /// </summary>
    public static int Run(EventLoop loop, Func<Task> main)
    {
        int signals = 0;
        void OnSignal(PosixSignalContext signal)
        {
            if (Interlocked.Increment(ref signals) == 1)
            {
                signal.Cancel = true;
                loop.RequestShutdown();
            }
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return RunLoop(loop, main, static line => Console.Error.WriteLine(line));
    }

    /// <summary>
    /// Runs <paramref name="main"/> on <paramref name="loop"/> without touching signals (the
    /// caller arranges shutdown, as the sealed binding does with ppoll's signal mask). Returns
    /// 0 when the application finished or stopped on shutdown, 2 when it threw
    /// <see cref="UnikernelUsageException"/> (bad application arguments), 1 when it failed
    /// otherwise, after passing the failure to <paramref name="reportError"/>.
    /// </summary>
    public static int RunLoop(EventLoop loop, Func<Task> main, Action<string> reportError)
    {
        try
        {
            loop.Run(main);
            return 0;
        }
        catch (OperationCanceledException) when (loop.ShutdownToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (UnikernelUsageException e)
        {
            reportError($"islet: {e.Message}");
            return 2;
        }
        catch (Exception e)
        {
            reportError($"islet: the application failed: {e}");
            return 1;
        }
    }

    /// <summary>
    /// The content stores for the application: the baked ones in order, each replaced by
    /// <paramref name="openDirectory"/>(path) when <c>--islet-content NAME=DIR</c> names it, then
    /// directories for names that were not baked.
    /// </summary>
    public static List<KeyValuePair<string, IKeyValueStore>> ResolveContent(UnikernelArguments arguments,
        IReadOnlyList<KeyValuePair<string, IKeyValueStore>> baked, Func<string, IKeyValueStore> openDirectory)
    {
        var result = new List<KeyValuePair<string, IKeyValueStore>>();
        foreach (var pair in baked)
        {
            result.Add(arguments.ContentDirectories.TryGetValue(pair.Key, out var directory)
                ? new(pair.Key, openDirectory(directory))
                : pair);
        }
        foreach (var (name, directory) in arguments.ContentDirectories)
        {
            if (!result.Exists(p => p.Key == name)) result.Add(new(name, openDirectory(directory)));
        }
        return result;
    }
}
