using System.Net;
using Islet.Events;
using Islet.Links;
using Islet.Net.Interface;
using Islet.Net.Stack;
using Islet.Net.Wire;

namespace Islet.UserNet.Tests;

/// <summary>
/// The whole picture in memory and virtual time: a guest stack (DHCP) on one link to the user
/// network's router, whose host side is another Islet stack ("the host", 192.168.0.1) that a
/// third stack ("the host's client", 192.168.0.2) reaches over a second link.
/// </summary>
internal sealed class VirtualUserNet
{
    public static readonly IPEndPoint ForwardEndPoint = new(IPAddress.Parse("192.168.0.1"), 8080);

    public required EventLoop Loop { get; init; }
    public required UserNetwork<MemoryNetDevice> Network { get; init; }
    public required DirectStack<MemoryNetDevice> HostClient { get; init; }
    public required MemoryNetDevice GuestDevice { get; init; }

    /// <summary>Started by <see cref="StartGuest"/>.</summary>
    public DirectStack<MemoryNetDevice>? Guest { get; private set; }

    public DirectStack<MemoryNetDevice> StartGuest() =>
        Guest = new DirectStack<MemoryNetDevice>(Loop, GuestDevice, InterfaceConfig.Dhcp(0x5eed), new Streams.SeededEntropy(3));

    public Task WaitForLeaseAsync() => Streams.WaitUntilAsync(Loop,
        () => Guest is not null && !Guest.Interface.Config.Address.IsUnspecified, TimeSpan.FromMinutes(1), "the guest's DHCP lease");

    public static T Run<T>(Func<VirtualUserNet, Task<T>> body, UserNetworkOptions? options = null, bool startGuest = true)
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var link = new MemoryLinkOptions { Delay = TimeSpan.FromMilliseconds(1) };
        var (routerDevice, guestDevice) = MemoryLink.CreatePair(loop, link);
        var (hostDevice, clientDevice) = MemoryLink.CreatePair(loop, link with { Seed = 2 });
        return loop.Run(async () =>
        {
            await using var host = new DirectStack<MemoryNetDevice>(loop, hostDevice,
                InterfaceConfig.Static(new Ipv4Address(192, 168, 0, 1), 24), new Streams.SeededEntropy(1));
            await using var client = new DirectStack<MemoryNetDevice>(loop, clientDevice,
                InterfaceConfig.Static(new Ipv4Address(192, 168, 0, 2), 24), new Streams.SeededEntropy(2));
            options ??= new UserNetworkOptions { Forwards = [new PortMapping(ForwardEndPoint, 80)] };
            await using var network = await UserNetwork<MemoryNetDevice>.StartAsync(loop, routerDevice, host, new Streams.SeededEntropy(4), options);
            var net = new VirtualUserNet { Loop = loop, Network = network, HostClient = client, GuestDevice = guestDevice };
            if (startGuest) net.StartGuest();
            try
            {
                return await Streams.Within(loop, body(net), TimeSpan.FromMinutes(10), "the test");
            }
            finally
            {
                if (net.Guest is not null) await net.Guest.DisposeAsync();
            }
        });
    }
}
