using Islet.Events;
using Islet.Links;
using Islet.Net.Icmp;
using Islet.Net.Interface;
using Islet.Net.Udp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Interface;

/// <summary>
/// Two interfaces over a <see cref="MemoryLink"/> pair on a virtual-time event loop, and the
/// small driver the stack driver will resemble: poll both, then wait for either device to be
/// readable or the earliest deadline.
/// </summary>
internal sealed class TwoHosts : IDisposable, IIcmpEchoObserver
{
    public static readonly Ipv4Address AddressA = new(10, 0, 0, 1);
    public static readonly Ipv4Address AddressB = new(10, 0, 0, 2);

    private Task? _readableA, _readableB;

    public TwoHosts(MemoryLinkOptions? link = null, UdpLayerOptions? udp = null, InterfaceConfig? configA = null)
    {
        Loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        (DeviceA, DeviceB) = MemoryLink.CreatePair(Loop, link);
        A = new NetInterface<MemoryNetDevice>(DeviceA, configA ?? InterfaceConfig.Static(AddressA, 24));
        B = new NetInterface<MemoryNetDevice>(DeviceB, InterfaceConfig.Static(AddressB, 24));
        UdpA = new UdpLayer(udp);
        UdpB = new UdpLayer(udp);
        A.AddTransport(UdpA);
        B.AddTransport(UdpB);
        A.Icmp.EchoObserver = this;
    }

    public EventLoop Loop { get; }
    public MemoryNetDevice DeviceA { get; }
    public MemoryNetDevice DeviceB { get; }
    public NetInterface<MemoryNetDevice> A { get; }
    public NetInterface<MemoryNetDevice> B { get; }
    public UdpLayer UdpA { get; }
    public UdpLayer UdpB { get; }
    public List<(ushort Id, ushort Seq, byte[] Data)> EchoReplies { get; } = [];

    public long Now => Loop.NowNanoseconds;

    public void OnEchoReply(Ipv4Address source, ushort identifier, ushort sequence, ReadOnlySpan<byte> data, long now) =>
        EchoReplies.Add((identifier, sequence, data.ToArray()));

    /// <summary>Drives both interfaces until <paramref name="done"/> or <paramref name="limit"/> of virtual time.</summary>
    public async Task RunUntil(Func<bool> done, TimeSpan limit)
    {
        long end = Now + (long)limit.TotalNanoseconds;
        while (true)
        {
            long now = Now;
            long next = Math.Min(A.Poll(now), B.Poll(now));
            bool finished = done();
            next = Math.Min(next, Math.Min(A.Poll(now), B.Poll(now))); // what the application just queued
            if (finished || now >= end) return;
            if (next <= now) { await Task.Yield(); continue; }
            if (_readableA is null || _readableA.IsCompleted) _readableA = DeviceA.WaitReadableAsync().AsTask();
            if (_readableB is null || _readableB.IsCompleted) _readableB = DeviceB.WaitReadableAsync().AsTask();
            long wait = Math.Min(next, end) - now;
            using var cancel = new CancellationTokenSource();
            var delay = Loop.Delay(TimeSpan.FromTicks(Math.Max(1, (wait + 99) / 100)), cancel.Token);
            await Task.WhenAny(_readableA, _readableB, delay);
            cancel.Cancel();
        }
    }

    public Task RunFor(TimeSpan time) => RunUntil(static () => false, time);

    public void Dispose()
    {
        DeviceA.Dispose();
        DeviceB.Dispose();
        Loop.Dispose();
    }
}
