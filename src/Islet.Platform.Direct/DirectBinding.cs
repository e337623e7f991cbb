using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Events;
using Islet.Links;
using Islet.Net.Interface;
using Islet.Net.Stack;
using Islet.Net.Wire;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Content;
using Islet.Platform.Unix.Links;

namespace Islet.Platform.Direct;

/// <summary>
/// The <c>direct</c> target: a normal process whose network is Islet's own TCP/IP stack on a
/// TAP link (<c>--islet-net tap:NAME --islet-ip ADDRESS/PREFIX|dhcp [--islet-gateway ADDRESS]
/// [--islet-pcap FILE]</c>).
/// The same stack the sealed targets use, debuggable as an ordinary process.
/// </summary>
public sealed class DirectBinding : IUnikernelBinding
{
    /// <inheritdoc />
    public string Target => "direct";

    /// <inheritdoc />
    public void ReportError(string line) => Console.Error.WriteLine(line);

    /// <inheritdoc />
    public int Run(UnikernelArguments arguments, IReadOnlyList<KeyValuePair<string, IKeyValueStore>> bakedContent, Func<UnikernelContext, Task> main)
    {
        if (!TryConfigure(arguments, out string tapName, out var config, out string error))
        {
            Console.Error.WriteLine($"islet: {error}");
            return 2;
        }
        var content = UnikernelHost.ResolveContent(arguments, bakedContent, directory => new DirectoryKeyValueStore(directory));
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        TapNetDevice tap;
        try
        {
            tap = TapNetDevice.Open(loop, tapName);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"islet: {e.Message}");
            return 2;
        }
        using (tap)
        {
            var console = new UnixConsole();
            if (!arguments.Quiet)
            {
                string address = config.UseDhcp ? "DHCP" : $"{config.Address}/{config.PrefixLength}";
                console.WriteLine($"islet: direct target: {address} on {tapName} ({tap.Mac})");
            }
            if (arguments.Pcap is null && arguments.Impair is null) return RunOn(loop, tap, config, console, content, arguments, main);
            // Wrapped links go through the interface: the debugging path need not be specialised.
            INetDevice device = tap;
            if (arguments.Impair is { } impair)
            {
                if (!LinkImpairment.TryParse(impair, out var impairment, out string impairError))
                {
                    Console.Error.WriteLine($"islet: {impairError}");
                    return 2;
                }
                device = new ImpairedNetDevice<INetDevice>(device, loop, impairment);
            }
            if (arguments.Pcap is { } pcapPath) device = new CapturingNetDevice<INetDevice>(device, new PcapWriter(File.Create(pcapPath)), loop);
            return RunOn(loop, device, config, console, content, arguments, main);
        }
    }

    private static int RunOn<TDevice>(EventLoop loop, TDevice device, InterfaceConfig config, IConsole console,
        List<KeyValuePair<string, IKeyValueStore>> content, UnikernelArguments arguments, Func<UnikernelContext, Task> main)
        where TDevice : INetDevice
    {
        var entropy = new UnixEntropy();
        DirectStack<TDevice>? stack = null;
        // SIGUSR1 (10 on Linux) prints the counters of a running unikernel.
        using var usr1 = arguments.Stats
            ? PosixSignalRegistration.Create((PosixSignal)10, signal =>
            {
                signal.Cancel = true;
                loop.Post(_ => { if (stack is not null) console.WriteLine(NetStatistics.Format(stack)); }, null);
            })
            : null;
        int exitCode = UnikernelHost.Run(loop, async () =>
        {
            stack = new DirectStack<TDevice>(loop, device, config, entropy);
            await using (stack)
            {
                await main(new UnikernelContext(loop, stack, console, entropy, content, arguments.Application));
            }
        });
        if (arguments.Stats && stack is not null) console.WriteLine(NetStatistics.Format(stack));
        return exitCode;
    }

    /// <summary>Reads the link and addressing options; false with a one-line error when they are missing or malformed.</summary>
    internal static bool TryConfigure(UnikernelArguments arguments, out string tapName, out InterfaceConfig config, out string error)
    {
        tapName = "";
        config = InterfaceConfig.Unconfigured;
        error = "";
        if (arguments.Net is not { } net || !net.StartsWith("tap:", StringComparison.Ordinal) || net.Length == 4)
        {
            error = "the direct target needs --islet-net tap:NAME (islet run --net tap:NAME)";
            return false;
        }
        tapName = net[4..];
        if (arguments.Ip is not { } ip)
        {
            error = "the direct target needs --islet-ip ADDRESS/PREFIX or dhcp (islet run --ip 10.0.0.2/24)";
            return false;
        }
        return InterfaceConfig.TryParse(ip, arguments.Gateway, (uint)Random.Shared.Next(), out config, out error);
    }
}
