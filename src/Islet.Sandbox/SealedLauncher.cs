using System.Runtime.InteropServices;
using Islet.Abi.Seccomp;
using Islet.Events;
using Islet.Devices;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Links;
using Islet.Platform.Unix.Net;
using Islet.UserNet;

namespace Islet.Sandbox;

/// <summary>
/// What the spt and hvt launchers share: open the image's declared devices
/// (<see cref="ImageDescriptors"/>), start the image, and, for user networking, route for it on
/// the launcher's end of the frame link until it exits. Once the image runs and the router's host
/// sockets are bound, the launcher confines itself (<see cref="LauncherConfinement"/>) unless
/// <see cref="SptOptions.Confine"/> is off. SIGINT and SIGTERM to the launcher reach the image as
/// SIGTERM (a clean stop); the launcher returns the image's exit status.
/// </summary>
public static class SealedLauncher
{
    /// <summary>
    /// Runs the image that <paramref name="start"/> starts with the opened descriptors, to its end;
    /// returns its exit status. Throws <see cref="SptLaunchException"/> when it cannot start.
    /// </summary>
    public static int Run(SptOptions options, TextWriter output, string target, Func<ImageDescriptors, IImageRun> start)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(start);
        if (!File.Exists(options.ImagePath)) throw new SptLaunchException($"no image at {options.ImagePath}");
        using var descriptors = ImageDescriptors.Open(options);
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var entropy = new UnixEntropy();
        return loop.Run(async () =>
        {
            // The image starts first and boots while the router and the host listeners are set
            // up: its first frames (DHCP) wait in the link's socket buffer until the router reads.
            using IImageRun image = start(descriptors);
            UserNetwork<FrameLinkNetDevice>? network = null;
            FrameLinkNetDevice? link = null;
            try
            {
                if (descriptors.RouterFd >= 0)
                {
                    link = new FrameLinkNetDevice(loop, descriptors.TakeRouterFd(), MacAddress.RandomLocal(entropy));
                    var host = new UnixStack(loop);
                    try
                    {
                        network = await UserNetwork<FrameLinkNetDevice>.StartAsync(loop, link, host, entropy,
                            new UserNetworkOptions { Forwards = options.Forwards, AllowOutbound = options.AllowOutbound });
                    }
                    catch (Islet.Net.NetException e)
                    {
                        throw new SptLaunchException($"cannot forward {string.Join(", ", options.Forwards)}: {e.Message}");
                    }
                }
                // Everything the launcher opens, binds or starts is in place: from here on it only
                // routes, waits and reports, so it gives up exec, new processes and filesystem writes.
                var filter = new LauncherFilterOptions { AllowOutbound = network is not null && options.AllowOutbound };
                string launcher = options.Confine
                    ? $"; launcher confined by a {LauncherFilter.Compile(filter).InstructionCount}-instruction seccomp filter"
                    : "; launcher not confined (--no-confine)";
                if (!options.Quiet) output.WriteLine(Banner(options, target, network, image.Confinement) + launcher);
                if (options.Confine) LauncherConfinement.Enter(filter);
                using var stop = RegisterStopSignals(image);
                int code = await image.Exited.ConfigureAwait(true);
                if (image.DescribeExit(code) is { } note) output.WriteLine($"islet: {target}: {note}");
                if (options.Stats && network is not null) output.WriteLine(network.FormatStatistics());
                return code;
            }
            catch
            {
                image.Kill();
                throw;
            }
            finally
            {
                if (network is not null) await network.DisposeAsync().ConfigureAwait(true);
                link?.Dispose();
            }
        });
    }

    private static IDisposable RegisterStopSignals(IImageRun image)
    {
        void Forward(PosixSignalContext signal)
        {
            signal.Cancel = true;
            image.Terminate();
        }
        var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        return new Registrations(sigint, sigterm);
    }

    private static string Banner(SptOptions options, string target, UserNetwork<FrameLinkNetDevice>? network, string confinement)
    {
        string net = network is null
            ? options.Network
            : "user" + (network.ForwardEndPoints.Count == 0 ? "" : ", " + string.Join(", ", network.ForwardEndPoints.Select((e, i) => Describe(e, options.Forwards[i]))));
        return $"islet: {target}: {Path.GetFileName(options.ImagePath)} {confinement}; network: {net}";
    }

    /// <summary>One forward for the banner: <c>http://HOST:PORT/ -> guest port 80</c> (80, 443 and 8080),
    /// <c>tcp://HOST:PORT -> guest port 53</c> (other TCP ports), or <c>udp://HOST:PORT -> guest port 53/udp</c>.</summary>
    private static string Describe(System.Net.IPEndPoint bound, PortMapping forward) =>
        forward.Protocol == PortProtocol.Udp ? $"udp://{bound} -> guest port {forward.GuestPort}/udp"
        : forward.GuestPort is 80 or 443 or 8080 ? $"http://{bound}/ -> guest port {forward.GuestPort}"
        : $"tcp://{bound} -> guest port {forward.GuestPort}";

    private sealed class Registrations(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items) item.Dispose();
        }
    }
}
