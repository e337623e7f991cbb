using Islet.Devices;
using Islet.Net.Interface;
using Islet.Net.Ip;
using Islet.Net.Udp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Interface;

public class AllocationTests
{
    [Fact]
    public void Steady_state_udp_and_ping_allocate_nothing()
    {
        var wireA = new WireDevice(MacAddress.FromBytes([2, 0, 0, 0, 0, 1]));
        var wireB = new WireDevice(MacAddress.FromBytes([2, 0, 0, 0, 0, 2])) { Peer = wireA };
        wireA.Peer = wireB;
        var a = new NetInterface<WireDevice>(wireA, InterfaceConfig.Static(new(10, 0, 0, 1), 24));
        var b = new NetInterface<WireDevice>(wireB, InterfaceConfig.Static(new(10, 0, 0, 2), 24));
        var udpA = new UdpLayer();
        var udpB = new UdpLayer();
        a.AddTransport(udpA);
        b.AddTransport(udpB);
        var sa = udpA.Bind(1000);
        var sb = udpB.Bind(2000);
        var payload = new byte[512];
        var buffer = new byte[2048];
        var to = new Ipv4Endpoint(new(10, 0, 0, 2), 2000);
        long now = 0;
        int received = 0;
        void Round()
        {
            sa.TrySend(to, payload);
            a.TrySendEchoRequest(new(10, 0, 0, 2), 1, 1, payload.AsSpan(0, 56), now);
            for (int i = 0; i < 3; i++) { a.Poll(now); b.Poll(now); now += 1000; }
            while (sb.TryReceive(buffer, out _, out var from)) { received++; sb.TrySend(from, buffer.AsSpan(0, 64)); }
            b.Poll(now);
            a.Poll(now);
            while (sa.TryReceive(buffer, out _, out _)) { }
        }
        for (int i = 0; i < 100; i++) Round();
        // Steady state: a window of 1000 rounds allocates nothing. The runtime's tiered
        // compilation can replace this code mid-window once (CI saw 2560 bytes in one window),
        // so the smallest of up to three windows is what is asserted.
        long smallest = long.MaxValue;
        int windows = 0;
        while (windows < 3 && smallest != 0)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) Round();
            smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            windows++;
        }
        Assert.Equal(100 + 1000 * windows, received);
        Assert.Equal(100 + 1000 * windows, a.Counters.Icmp.EchoRepliesReceived);
        Assert.Equal(0, smallest);
    }
}
