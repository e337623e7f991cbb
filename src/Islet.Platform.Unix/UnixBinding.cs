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
    public void ReportError(string line) => Console.Error.WriteLine(line);

    /// <inheritdoc />
    public int Run(UnikernelArguments arguments, IReadOnlyList<KeyValuePair<string, IKeyValueStore>> bakedContent, Func<UnikernelContext, Task> main)
    {
        var content = UnikernelHost.ResolveContent(arguments, bakedContent, directory => new DirectoryKeyValueStore(directory));
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var console = new UnixConsole();
        var context = new UnikernelContext(loop, new UnixStack(loop, arguments.Publish), console, new UnixEntropy(), content, arguments.Application);
        if (!arguments.Quiet)
        {
            foreach (var mapping in arguments.Publish)
            {
                console.WriteLine($"islet: unix target: guest port {mapping.GuestPort}{(mapping.Protocol == PortProtocol.Udp ? "/udp" : "")} published on {mapping.HostEndPoint}");
            }
        }
        return UnikernelHost.Run(loop, () => main(context));
    }
}
