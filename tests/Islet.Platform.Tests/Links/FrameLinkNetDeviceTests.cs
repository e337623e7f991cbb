using System.Net.Sockets;
using Islet.Devices;
using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Links;
using Xunit;

namespace Islet.Platform.Tests.Links;

/// <summary>
/// The batched frame link over a real AF_UNIX SOCK_SEQPACKET pair, both ends on one loop:
/// frames keep their boundaries and bytes, the frames of a turn leave in one sendmmsg per 32,
/// and a closed peer ends reception without an exception.
/// </summary>
public sealed class FrameLinkNetDeviceTests
{
    [Fact]
    public void Frames_of_one_turn_cross_in_batches_byte_exact()
    {
        using var pair = new SeqPacketPair();
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var random = new Random(7);
        var sent = new List<byte[]>();
        var received = new List<byte[]>();
        FrameLinkNetDevice? a = null, b = null;
        loop.Run(async () =>
        {
            a = new FrameLinkNetDevice(loop, pair.Left, MacAddress.FromBytes([2, 0, 0, 0, 0, 1]), ownsDescriptor: false);
            b = new FrameLinkNetDevice(loop, pair.Right, MacAddress.FromBytes([2, 0, 0, 0, 0, 2]), ownsDescriptor: false);
            for (int i = 0; i < 100; i++)
            {
                var frame = new byte[random.Next(14, 1515)];
                random.NextBytes(frame);
                sent.Add(frame);
                Assert.True(a.TrySend(frame));
            }
            var buffer = new byte[1514];
            var deadline = loop.Delay(TimeSpan.FromSeconds(10));
            while (received.Count < sent.Count && !deadline.IsCompleted)
            {
                while (b.TryReceive(buffer, out int length)) received.Add(buffer[..length]);
                if (received.Count < sent.Count) await Task.WhenAny(b.WaitReadableAsync().AsTask(), deadline);
            }
        });
        Assert.Equal(sent.Count, received.Count);
        for (int i = 0; i < sent.Count; i++) Assert.Equal(sent[i], received[i]);
        Assert.Equal(4, a!.SendCalls);                     // 32 + 32 + 32 + 4: one sendmmsg per batch
        Assert.InRange(b!.ReceiveCalls, 4, 8);              // recvmmsg takes up to 32 at a time
        Assert.Equal(100, b.Counters.RxFrames);
        Assert.Equal(0, a.Counters.TxDropped);
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void A_closed_peer_ends_reception_and_later_sends_are_dropped()
    {
        using var pair = new SeqPacketPair();
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        using var device = new FrameLinkNetDevice(loop, pair.Left, MacAddress.FromBytes([2, 0, 0, 0, 0, 1]), ownsDescriptor: false);
        pair.CloseRight();
        var buffer = new byte[1514];
        Assert.False(device.TryReceive(buffer, out _));
        Assert.True(device.PeerClosed);
        Assert.True(device.TrySend(new byte[60]));
        device.Flush();
        Assert.Equal(1, device.Counters.TxDropped);
        Assert.Throws<ArgumentException>(() => device.TrySend(new byte[1515]));
    }

    /// <summary>A connected SOCK_SEQPACKET pair on an abstract socket address, both ends non-blocking.</summary>
    private sealed class SeqPacketPair : IDisposable
    {
        private readonly Socket _listener;
        private readonly Socket _left;
        private Socket? _right;

        public SeqPacketPair()
        {
            var address = new UnixDomainSocketEndPoint("\0islet-framelink-" + Guid.NewGuid().ToString("N"));
            _listener = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
            _listener.Bind(address);
            _listener.Listen(1);
            _left = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
            _left.Connect(address);
            _right = _listener.Accept();
            _left.Blocking = false;
            _right.Blocking = false;
        }

        public int Left => (int)_left.Handle;

        public int Right => (int)_right!.Handle;

        public void CloseRight()
        {
            _right?.Dispose();
            _right = null;
        }

        public void Dispose()
        {
            _left.Dispose();
            _right?.Dispose();
            _listener.Dispose();
        }
    }
}
