using Islet.Net.Ip;
using Islet.Net.Tcp;
using Islet.Net.Wire;
using static Islet.Net.Tests.Tcp.TcpTestNet;

namespace Islet.Net.Tests.Tcp;

/// <summary>RFC 5961 challenge ACKs, RFC 7323 PAWS and window scaling, checksum and reset rules.</summary>
public class TcpRobustnessTests
{
    private static TcpRepr FromB(TcpConnection client, SeqNumber seq, TcpFlags flags) => new()
    {
        SourcePort = 80, DestinationPort = client.LocalEndpoint.Port, SequenceNumber = seq,
        AcknowledgmentNumber = client.SendNext, Flags = flags, Window = 1000,
    };

    [Theory]
    [InlineData(TcpFlags.Rst)]
    [InlineData(TcpFlags.Syn)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack)]
    public void In_window_rst_or_syn_gets_a_rate_limited_challenge_ack(TcpFlags flags)
    {
        var net = new TcpTestNet();
        var (client, _, _) = net.Open();
        net.Log.Clear();
        for (int i = 0; i < 25; i++)
        {
            net.Inject(false, Build(FromB(client, client.ReceiveNext + 100, flags), fromA: false));
            net.Settle();
        }
        Assert.Equal(TcpState.Established, client.State);
        Assert.Equal(10, client.Counters.ChallengeAcks);
        Assert.Equal(25, client.Counters.Dropped(TcpDropReason.Challenged));
        net.Advance(Second);
        net.Inject(false, Build(FromB(client, client.ReceiveNext + 100, flags), fromA: false));
        net.Settle();
        Assert.Equal(11, client.Counters.ChallengeAcks);
        Assert.Equal(client.ReceiveNext, net.Log.Last(s => s.FromA).Repr.AcknowledgmentNumber);
    }

    [Fact]
    public void Out_of_window_rst_is_ignored()
    {
        var net = new TcpTestNet();
        var (client, _, _) = net.Open();
        net.Inject(false, Build(FromB(client, client.ReceiveNext + 1_000_000, TcpFlags.Rst), fromA: false));
        Assert.Equal(TcpState.Established, client.State);
        Assert.Equal(0, client.Counters.ChallengeAcks);
    }

    [Fact]
    public void Paws_rejects_a_segment_with_an_old_timestamp()
    {
        var net = new TcpTestNet();
        var (client, _, _) = net.Open();
        net.Advance(Second);
        var seg = FromB(client, client.ReceiveNext, TcpFlags.Ack | TcpFlags.Psh);
        seg.HasTimestamps = true;
        seg.TimestampValue = client.TimestampRecent - 1000;
        net.Inject(false, Build(seg, false, "stale"u8));
        Assert.Equal(0, client.ReadableBytes);
        Assert.Equal(1, client.Counters.Dropped(TcpDropReason.Paws));
        seg.TimestampValue = client.TimestampRecent + 1;
        net.Inject(false, Build(seg, false, "fresh"u8));
        Assert.Equal(5, client.ReadableBytes);
    }

    [Fact]
    public void Segments_with_a_bad_checksum_are_dropped_and_counted()
    {
        var net = new TcpTestNet();
        var (client, _, _) = net.Open();
        var data = Build(FromB(client, client.ReceiveNext, TcpFlags.Ack), false, "x"u8);
        data[^1] ^= 0xFF;
        net.Inject(false, data);
        Assert.Equal(0, client.ReadableBytes);
        Assert.Equal(1, net.A.Counters.Dropped(TcpDropReason.Checksum));
    }

    [Fact]
    public void Ack_to_no_socket_is_answered_with_rst_at_its_ack_number()
    {
        var net = new TcpTestNet();
        var seg = new TcpRepr { SourcePort = 5000, DestinationPort = 6000, SequenceNumber = new(1), AcknowledgmentNumber = new(777), Flags = TcpFlags.Ack };
        net.Inject(true, Build(seg, true));
        net.Settle();
        var rst = net.From(false).Single();
        Assert.Equal(TcpFlags.Rst, rst.Repr.Flags);
        Assert.Equal(777u, rst.Repr.SequenceNumber.Value);
        net.Log.Clear();
        seg.Flags = TcpFlags.Rst;
        net.Inject(true, Build(seg, true));
        net.Settle();
        Assert.Empty(net.From(false)); // never a RST for a RST
    }

    [Theory]
    [InlineData(1 << 20, true, 5)]
    [InlineData(64 * 1024, true, 1)]
    [InlineData(1 << 20, false, 0)]
    public void Window_scaling_is_negotiated_from_both_syns(int bufferSize, bool peerScales, int expectedShift)
    {
        var a = new TcpOptions { ReceiveBufferSize = bufferSize };
        var b = new TcpOptions { WindowScaling = peerScales, ReceiveBufferSize = bufferSize };
        var net = new TcpTestNet(a, b);
        var (client, server, _) = net.Open();
        Assert.Equal(peerScales, client.WindowScalingEnabled);
        Assert.Equal(expectedShift, client.ReceiveWindowScale);
        Assert.Equal(expectedShift, server.SendWindowScale);
        Assert.Equal(peerScales ? Math.Min(bufferSize, 65535 << expectedShift) >> expectedShift << expectedShift : 65535, server.SendWindow);
        if (peerScales) Assert.Equal((byte)expectedShift, net.Log[0].Repr.WindowScale);
        if (!peerScales) Assert.Null(net.Log[1].Repr.WindowScale); // RFC 7323 §2.2: no WS in a SYN-ACK unless offered
        var big = new byte[200_000];
        new Random(1).NextBytes(big);
        int sent = 0;
        var got = new MemoryStream();
        var buf = new byte[65536];
        net.RunUntil(() =>
        {
            sent += client.Send(big.AsSpan(sent));
            int n;
            while ((n = server.Receive(buf)) > 0) got.Write(buf, 0, n);
            return got.Length == big.Length;
        }, 60 * Second);
        Assert.Equal(big, got.ToArray());
    }

    [Fact]
    public void Timer_heap_reports_the_earliest_deadline_and_closed_connections_are_removed()
    {
        var noTlp = new TcpOptions { TailLossProbe = false }; // the RTO is then the earliest deadline
        var net = new TcpTestNet(noTlp, noTlp);
        var (client, server, listener) = net.Open();
        var output = new CaptureOutput(AddressA);
        long first = net.A.Poll(net.Now, output);
        if (first != long.MaxValue) // a lazily kept heap entry: a spurious wake-up, after which the layer is idle
        {
            Assert.True(first > net.Now);
            Assert.Equal(long.MaxValue, net.A.Poll(first, output));
            net.Now = first;
        }
        client.Send(new byte[10]);
        long deadline = net.A.Poll(net.Now, output);
        Assert.Equal(net.Now + client.RetransmissionTimeout, deadline);
        client.Abort();
        net.A.Poll(net.Now, output);
        Assert.Equal(0, net.A.ConnectionCount);
        Assert.Equal(long.MaxValue, net.A.Poll(net.Now, output));
        _ = server;
        net.B.StopListening(listener);
        var refused = net.A.Connect(AddressA, new Ipv4Endpoint(AddressB, 80), net.Now);
        net.Settle();
        Assert.Equal(NetError.Refused, refused.Error);
        Assert.Equal(0, net.A.ConnectionCount);
    }
}
