using Islet.Net.Ip;
using Islet.Net.Tcp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Tcp;

/// <summary>The steady-state data path allocates nothing per segment.</summary>
public class TcpAllocationTests
{
    /// <summary>An output that hands each datagram straight to the peer layer, reusing one buffer.</summary>
    private sealed class DirectOutput(Ipv4Address local, Ipv4Address remote) : IIpOutput
    {
        private readonly byte[] _buffer = new byte[65536];
        private int _length;
        public TcpLayer? Peer { get; set; }
        public long Now { get; set; }
        public Ipv4Address LocalAddress => local;
        public int MaxPayload => 1480;

        public bool TryBegin(Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload)
        {
            _length = payloadLength;
            payload = _buffer.AsSpan(0, payloadLength);
            return true;
        }

        public void Commit()
        {
            var ip = new Ipv4Repr { Source = local, Destination = remote, Protocol = IpProtocol.Tcp, PayloadLength = _length, Ttl = 64 };
            Peer!.Receive(ip, _buffer.AsSpan(0, _length), Now);
        }
    }

    [Fact]
    public void Bulk_transfer_allocates_nothing_per_segment()
    {
        var a = new TcpLayer(new byte[32]);
        var b = new TcpLayer(Enumerable.Repeat((byte)9, 32).ToArray());
        var outA = new DirectOutput(TcpTestNet.AddressA, TcpTestNet.AddressB) { Peer = b };
        var outB = new DirectOutput(TcpTestNet.AddressB, TcpTestNet.AddressA) { Peer = a };
        var listener = b.Listen(new Ipv4Endpoint(TcpTestNet.AddressB, 80), 4);
        var client = a.Connect(TcpTestNet.AddressA, new Ipv4Endpoint(TcpTestNet.AddressB, 80), 0);
        long now = 0;
        for (int i = 0; i < 10; i++) { a.Poll(now, outA); b.Poll(now, outB); }
        Assert.True(b.TryAccept(listener, out var server));
        var chunk = new byte[16384];
        var sink = new byte[65536];
        void Run(int bytes)
        {
            long moved = 0;
            while (moved < bytes)
            {
                now += 100_000;
                outA.Now = outB.Now = now;
                client.Send(chunk);
                a.Poll(now, outA);
                b.Poll(now, outB);
                moved += server.Receive(sink);
                b.Poll(now, outB);
                a.Poll(now, outA);
            }
        }
        Run(4 << 20); // warm up: JIT, heap and list growth
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(16 << 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"{allocated} bytes allocated for 16 MiB");
        Assert.True(client.Counters.SegmentsSent > 10_000);
    }
}
