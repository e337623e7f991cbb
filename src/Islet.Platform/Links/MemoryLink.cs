using Islet.Devices;
using Islet.Events;

namespace Islet.Links;

/// <summary>
/// A simulated Ethernet cable between two <see cref="INetDevice"/>s on one event loop, with
/// seeded loss, duplication, reordering, delay, jitter and bandwidth: the test network of two
/// Islet stacks (mirage-tcpip's in-memory network, smoltcp's loopback with faults).
/// </summary>
public static class MemoryLink
{
    /// <summary>
    /// Creates the two ends. Each direction gets the same impairments and its own random
    /// stream derived from <see cref="MemoryLinkOptions.Seed"/>.
    /// </summary>
    public static (MemoryNetDevice A, MemoryNetDevice B) CreatePair(EventLoop loop, MemoryLinkOptions? options = null,
        MacAddress? macA = null, MacAddress? macB = null)
    {
        options ??= new MemoryLinkOptions();
        options.Validate();
        var a = new MemoryNetDevice(options, macA ?? MacAddress.FromBytes([0x02, 0, 0, 0, 0, 0x0a]));
        var b = new MemoryNetDevice(options, macB ?? MacAddress.FromBytes([0x02, 0, 0, 0, 0, 0x0b]));
        a.Connect(new MemoryLinkDirection(loop, options, options.Seed * 2 + 1, a, b));
        b.Connect(new MemoryLinkDirection(loop, options, options.Seed * 2 + 2, b, a));
        return (a, b);
    }
}
