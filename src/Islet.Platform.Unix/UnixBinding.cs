using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Events;
using Islet.Platform.Unix.Content;
using Islet.Platform.Unix.Net;

namespace Islet.Platform.Unix;

/// <summary>
/// The <c>unix</c> target: a normal process, the host's sockets for the network, epoll for
/// readiness. The development loop: run it under a debugger, serve content from a directory.
/// </summary>
public sealed class UnixBinding : IUnikernelBinding
{
    /// <inheritdoc />
    public string Target => "unix";

    /// <inheritdoc />
    public int Run(UnikernelArguments arguments, IReadOnlyList<KeyValuePair<string, IKeyValueStore>> bakedContent, Func<UnikernelContext, Task> main)
    {
        var content = ResolveContent(arguments, bakedContent);
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var console = new UnixConsole();
        var context = new UnikernelContext(loop, new UnixStack(loop, arguments.Publish), console, new UnixEntropy(), content, arguments.Application);

        int signals = 0;
        void OnSignal(PosixSignalContext signal)
        {
            // The first SIGINT/SIGTERM asks the application to stop; a second one kills at once.
            if (Interlocked.Increment(ref signals) == 1)
            {
                signal.Cancel = true;
                loop.RequestShutdown();
            }
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        if (!arguments.Quiet)
        {
            foreach (var mapping in arguments.Publish)
            {
                console.WriteLine($"islet: unix target: guest port {mapping.GuestPort} published on {mapping.HostEndPoint}");
            }
        }
        try
        {
            loop.Run(() => main(context));
            return 0;
        }
        catch (OperationCanceledException) when (loop.ShutdownToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"islet: the application failed: {e}");
            return 1;
        }
    }

    private static List<KeyValuePair<string, IKeyValueStore>> ResolveContent(
        UnikernelArguments arguments, IReadOnlyList<KeyValuePair<string, IKeyValueStore>> baked)
    {
        var result = new List<KeyValuePair<string, IKeyValueStore>>();
        foreach (var pair in baked)
        {
            result.Add(arguments.ContentDirectories.TryGetValue(pair.Key, out var directory)
                ? new(pair.Key, new DirectoryKeyValueStore(directory))
                : pair);
        }
        foreach (var (name, directory) in arguments.ContentDirectories)
        {
            if (!result.Exists(p => p.Key == name)) result.Add(new(name, new DirectoryKeyValueStore(directory)));
        }
        return result;
    }
}
