using System.Buffers.Binary;
using Islet.Devices;
using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Links;
using Xunit;
using Islet.Tests.Shared;

namespace Islet.Platform.Tests.Links;

/// <summary>A TAP device against the real Linux kernel, inside a namespace the test creates.</summary>
public sealed class TapNetDeviceTests
{
    private static readonly byte[] s_kernelIp = [10, 199, 0, 1];
    private static readonly byte[] s_isletIp = [10, 199, 0, 2];

    [NetworkNamespaceFact]
    public void Kernel_arps_for_us_we_answer_and_its_ping_reaches_our_mac()
    {
        using var ns = new NetworkNamespace();
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        string name = "itap" + Guid.NewGuid().ToString("N")[..6];
        using var tap = TapNetDevice.Open(loop, name);
        NetworkNamespace.Run("ip", "link", "set", name, "netns", ns.Name); // the fd stays attached
        ns.Exec("ip", "addr", "add", "10.199.0.1/24", "dev", name);
        ns.Exec("ip", "link", "set", name, "up");

        using var ping = ns.Start("ping", "-c", "3", "-i", "0.2", "-W", "1", "10.199.0.2");
        bool sawArpRequest = false, sawEchoToUs = false;
        loop.Run(async () =>
        {
            var frame = new byte[1514];
            var deadline = loop.Delay(TimeSpan.FromSeconds(10));
            while (!sawEchoToUs && !deadline.IsCompleted)
            {
                while (tap.TryReceive(frame, out int length))
                {
                    var f = frame.AsSpan(0, length);
                    ushort type = BinaryPrimitives.ReadUInt16BigEndian(f[12..]);
                    if (type == 0x0806 && length >= 42 && BinaryPrimitives.ReadUInt16BigEndian(f[20..]) == 1 && f[38..42].SequenceEqual(s_isletIp))
                    {
                        sawArpRequest = true;
                        Assert.True(tap.TrySend(ArpReply(tap.Mac, f[6..12])));
                    }
                    else if (type == 0x0800 && length >= 34 && f[23] == 1 && f[30..34].SequenceEqual(s_isletIp))
                    {
                        var mac = new byte[6];
                        tap.Mac.WriteTo(mac);
                        Assert.Equal(mac, f[..6].ToArray()); // the kernel learnt our MAC from the reply
                        sawEchoToUs = true;
                    }
                }
                await Task.WhenAny(tap.WaitReadableAsync().AsTask(), deadline);
            }
        });
        ping.Kill();
        Assert.True(sawArpRequest, "the kernel never asked for 10.199.0.2");
        Assert.True(sawEchoToUs, "the kernel's ping never reached our MAC");
        Assert.Contains(tap.Mac.ToString(), ns.Exec("ip", "neigh", "show", "10.199.0.2"));
        Assert.True(tap.Counters.RxFrames >= 2);
        Assert.True(tap.Counters.TxFrames >= 1);
    }

    [NetworkNamespaceFact]
    public void Too_long_a_name_or_frame_is_refused()
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        Assert.Throws<ArgumentException>(() => TapNetDevice.Open(loop, "a-name-of-16-byt"));
        using var ns = new NetworkNamespace();
        string name = "itap" + Guid.NewGuid().ToString("N")[..6];
        using var tap = TapNetDevice.Open(loop, name);
        NetworkNamespace.Run("ip", "link", "set", name, "netns", ns.Name);
        Assert.Throws<ArgumentException>(() => tap.TrySend(new byte[1515]));
        Assert.False(tap.TryReceive(new byte[1514], out _)); // interface down: nothing arrives
    }

    /// <summary>An ARP reply "10.199.0.2 is at <paramref name="ourMac"/>" to the kernel's interface.</summary>
    private static byte[] ArpReply(MacAddress ourMac, ReadOnlySpan<byte> kernelMac)
    {
        var f = new byte[42];
        kernelMac.CopyTo(f);
        ourMac.WriteTo(f.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x0806);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(14), 1);      // Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 0x0800); // IPv4
        f[18] = 6;
        f[19] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(20), 2);      // reply
        ourMac.WriteTo(f.AsSpan(22));
        s_isletIp.CopyTo(f, 28);
        kernelMac.CopyTo(f.AsSpan(32));
        s_kernelIp.CopyTo(f, 38);
        return f;
    }
}
