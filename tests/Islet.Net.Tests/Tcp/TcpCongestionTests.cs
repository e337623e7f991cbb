using Islet.Net.Tcp;
using Islet.Net.Wire;
using static Islet.Net.Tests.Tcp.TcpTestNet;

namespace Islet.Net.Tests.Tcp;

/// <summary>RFC 5681 fast retransmit and RFC 6582 NewReno recovery, with explicit time.</summary>
public class TcpCongestionTests
{
    private static readonly TcpOptions NoDelay = new() { NoDelay = true };

    private static readonly TcpOptions NoSack = new() { NoDelay = true, Sack = false };

    private static (TcpTestNet Net, TcpConnection Client, TcpConnection Server) Open(bool sack = true, bool tlp = true)
    {
        var options = !sack ? NoSack : tlp ? NoDelay : new TcpOptions { NoDelay = true, TailLossProbe = false };
        var net = new TcpTestNet(options, options) { Latency = 10 * Ms };
        var (client, server, _) = net.Open();
        return (net, client, server);
    }

    [Theory]
    [InlineData(4, 1)] // 3 segments after the loss: 3 duplicate ACKs
    [InlineData(3, 0)] // 2 duplicate ACKs: no fast retransmit, the RTO repairs it
    public void Fast_retransmit_after_exactly_three_duplicate_acks(int segments, int fastRetransmits)
    {
        // Without the tail loss probe, which would otherwise recover the two-duplicate-ACK case before the RTO.
        var (net, client, server) = Open(tlp: false);
        int mss = client.SendMss;
        var sink = new byte[1 << 20];
        client.Send(new byte[20 * mss]); // open the congestion window beyond the test's flight
        net.RunUntil(() => { server.Receive(sink); return client.SendUnacknowledged == client.SendNext; }, 10 * Second);
        net.Log.Clear();
        int cwnd = client.CongestionWindow;
        bool dropped = false;
        net.Drop = s => s.FromA && s.Payload.Length > 0 && !dropped && (dropped = true);
        long start = net.Now;
        SeqNumber first = client.SendNext;
        client.Send(new byte[segments * mss]);
        net.RunUntil(() => server.ReadableBytes == segments * mss, 10 * Second);
        Assert.Equal(fastRetransmits, client.Counters.FastRetransmits);
        Assert.Equal(1 - fastRetransmits, client.Counters.Timeouts);
        var dupAcks = net.From(false).Count(s => s.Repr.AcknowledgmentNumber == first && s.Payload.Length == 0);
        Assert.Equal(segments - 1, dupAcks);
        if (fastRetransmits == 1)
        {
            Assert.Equal(start + 30 * Ms, net.Now); // data, duplicate ACKs, retransmission: three one-way delays
            Assert.Equal(Math.Max(segments * mss / 2, 2 * mss), client.SlowStartThreshold);
            Assert.True(client.CongestionWindow < cwnd);
        }
        else
        {
            Assert.True(net.Now >= start + 200 * Ms); // the 200 ms minimum RTO
        }
    }

    [Fact]
    public void NewReno_partial_ack_retransmits_the_next_hole_without_timeout()
    {
        var (net, client, server) = Open(sack: false);
        int mss = client.SendMss;
        var sink = new byte[1 << 20];
        // Grow the congestion window first.
        client.Send(new byte[40 * mss]);
        net.RunUntil(() => { server.Receive(sink); return client.SendUnacknowledged == client.SendNext; }, 10 * Second);
        Assert.True(client.CongestionWindow >= 10 * mss);
        SeqNumber first = client.SendNext;
        var lost = new HashSet<uint> { first.Value, (first + 4 * mss).Value };
        net.Drop = s => s.FromA && s.Payload.Length > 0 && lost.Remove(s.Repr.SequenceNumber.Value);
        client.Send(new byte[10 * mss]);
        net.RunUntil(() => { server.Receive(sink); return client.SendUnacknowledged == first + 10 * mss; }, 10 * Second);
        Assert.Empty(lost);
        Assert.Equal(2, client.Counters.FastRetransmits); // one on the third duplicate ACK, one on the partial ACK
        Assert.Equal(0, client.Counters.Timeouts);
        Assert.True(client.CongestionWindow <= client.SlowStartThreshold + mss);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sack_recovery_repairs_several_holes_in_one_round_trip(bool sack)
    {
        var (net, client, server) = Open(sack);
        int mss = client.SendMss;
        var sink = new byte[1 << 20];
        client.Send(new byte[60 * mss]);
        net.RunUntil(() => { server.Receive(sink); return client.SendUnacknowledged == client.SendNext; }, 10 * Second);
        Assert.True(client.CongestionWindow >= 16 * mss);
        SeqNumber first = client.SendNext;
        var lost = new HashSet<uint> { first.Value, (first + 4 * mss).Value, (first + 8 * mss).Value };
        net.Drop = s => s.FromA && s.Payload.Length > 0 && lost.Remove(s.Repr.SequenceNumber.Value);
        long start = net.Now;
        client.Send(new byte[14 * mss]);
        net.RunUntil(() => { server.Receive(sink); return client.SendUnacknowledged == first + 14 * mss; }, 10 * Second);
        Assert.Empty(lost);
        Assert.Equal(3, client.Counters.FastRetransmits);
        Assert.Equal(0, client.Counters.Timeouts);
        // SACK resends all three holes after the third duplicate ACK; NewReno needs an RTT per hole.
        Assert.Equal(sack ? start + 40 * Ms : start + 80 * Ms, net.Now);
    }

    [Fact]
    public void Receiver_reports_out_of_order_data_in_sack_blocks()
    {
        var (net, client, _) = Open();
        int mss = client.SendMss;
        SeqNumber first = client.SendNext;
        net.Drop = s => s.FromA && s.Repr.SequenceNumber == first && s.Payload.Length > 0 && s.Time < net.Now + Second / 2 && net.Now < Second;
        client.Send(new byte[3 * mss]);
        net.Advance(25 * Ms);
        var sacks = net.From(false).Where(s => s.Repr.SackBlockCount > 0).ToArray();
        Assert.NotEmpty(sacks);
        var last = sacks[^1].Repr.GetSackBlock(0);
        Assert.Equal(first + mss, last.Left);
        Assert.Equal(first + 3 * mss, last.Right);
    }

    [Fact]
    public void Slow_start_grows_the_window_by_the_bytes_acknowledged()
    {
        var (net, client, server) = Open();
        int mss = client.SendMss;
        int initial = client.CongestionWindow;
        Assert.Equal(Math.Min(4 * mss, Math.Max(2 * mss, 4380)), initial); // RFC 3390
        net.Log.Clear();
        SeqNumber start = client.SendNext;
        client.Send(new byte[4 * mss]);
        net.Advance(Second);
        Assert.Equal(4 * mss, server.ReadableBytes);
        var acks = net.From(false).Select(s => s.Repr.AcknowledgmentNumber).Distinct().ToArray();
        int expected = initial;
        SeqNumber previous = start;
        foreach (var ack in acks)
        {
            expected += ack - previous; // byte counting (RFC 3465), stretch ACKs count in full
            previous = ack;
        }
        Assert.Equal(expected, client.CongestionWindow);
        Assert.True(client.CongestionWindow > initial);
    }
}
