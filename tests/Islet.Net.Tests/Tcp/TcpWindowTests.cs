using Islet.Net.Tcp;
using Islet.Net.Wire;
using static Islet.Net.Tests.Tcp.TcpTestNet;

namespace Islet.Net.Tests.Tcp;

/// <summary>
/// Zero windows and window bookkeeping under loss: regressions from bulk echo transfers that
/// stalled and timed out over a lossy link.
/// </summary>
public class TcpWindowTests
{
    // No timestamps or scaling, so injected segments need no PAWS values and windows are literal.
    private static readonly TcpOptions Plain = new() { Timestamps = false, WindowScaling = false };
    private static readonly TcpOptions PlainSmall = new() { Timestamps = false, WindowScaling = false, ReceiveBufferSize = 4096 };

    private static TcpRepr Segment(TcpConnection to, TcpConnection from, SeqNumber seq, SeqNumber ack, ushort window) => new()
    {
        SourcePort = from.LocalEndpoint.Port, DestinationPort = to.LocalEndpoint.Port,
        SequenceNumber = seq, AcknowledgmentNumber = ack, Flags = TcpFlags.Ack, Window = window,
    };

    [Fact]
    public void A_window_closed_with_data_in_flight_is_probed_forever_not_timed_out()
    {
        var net = new TcpTestNet(new TcpOptions { Timestamps = false, WindowScaling = false, MaxRetransmissions = 3 }, PlainSmall);
        net.Latency = Ms;
        var (client, server, _) = net.Open();
        net.Drop = s => !s.FromA; // the server's ACKs are lost...
        Assert.Equal(10000, client.Send(new byte[10000]));
        net.Advance(10 * Ms);
        Assert.True(server.ReadableBytes >= 2000, $"{server.ReadableBytes} bytes");
        // ...and the one that arrives (a peer shrinking its window) acknowledges part and closes it.
        net.Inject(false, Build(Segment(client, server, server.SendNext, client.SendUnacknowledged + 1000, 0), fromA: false));
        net.Drop = null;
        Assert.Equal(0, client.SendWindow);
        Assert.True(client.SendNext - client.SendUnacknowledged > 0);
        net.Advance(30 * 60 * Second); // far past 3 retransmissions with backoff
        Assert.Equal(TcpState.Established, client.State);
        Assert.Null(client.Error);
        Assert.True(client.Counters.Timeouts <= 1, $"{client.Counters.Timeouts} timeouts");
        Assert.True(client.Counters.WindowProbes >= 10, $"{client.Counters.WindowProbes} probes");
        // The probes were answered and the reader catches up: everything arrives.
        var buf = new byte[10000];
        int read = 0;
        net.RunUntil(() => (read += server.Receive(buf.AsSpan(read))) == 10000, 600 * Second);
        Assert.Equal(10000, read);
    }

    [Fact]
    public void Probes_to_a_zero_window_are_acked_and_a_lost_window_update_is_recovered()
    {
        var net = new TcpTestNet(Plain, PlainSmall);
        net.Latency = Ms;
        var (client, server, _) = net.Open();
        Assert.Equal(10000, client.Send(new byte[10000]));
        net.Advance(100 * Ms);
        Assert.Equal(0, client.SendWindow);
        net.Log.Clear();
        net.Advance(10 * Second);
        var probes = net.From(true).Count(s => s.Payload.Length == 0 && s.Repr.SequenceNumber == client.SendUnacknowledged - 1);
        var answers = net.From(false).Count(s => s.Payload.Length == 0 && s.Repr.Window == 0);
        Assert.True(probes >= 2, $"{probes} probes");
        Assert.Equal(probes, answers); // RFC 9293: an unacceptable segment is answered with an ACK
        // Every window update is lost; the probes alone must find the reopened window.
        long updatesUntil = net.Now + Ms;
        net.Drop = s => !s.FromA && s.Repr.Window > 0 && s.Payload.Length == 0 && s.Time < updatesUntil;
        var buf = new byte[10000];
        int read = server.Receive(buf);
        Assert.Equal(4096, read);
        net.Settle();
        net.RunUntil(() => (read += server.Receive(buf.AsSpan(read))) == 10000, 600 * Second);
        Assert.Equal(10000, read);
        Assert.Equal(TcpState.Established, client.State);
    }

    [Fact]
    public void An_ack_advanced_by_an_older_segment_also_moves_the_window()
    {
        var net = new TcpTestNet(Plain, Plain);
        var (client, server, _) = net.Open();
        net.Drop = s => !s.FromA;
        client.Send(new byte[2000]);
        net.Settle();
        SeqNumber una = client.SendUnacknowledged, peerSeq = server.SendNext;
        // A newer pure ACK (higher SEG.SEQ) sets the window: right edge una + 8000.
        net.Inject(false, Build(Segment(client, server, peerSeq + 100, una, 8000), fromA: false));
        Assert.Equal(8000, client.SendWindow);
        // A reordered older segment (a retransmission) acknowledges 1000 bytes and says 3000:
        // the right edge is una + 4000 and the sender must not keep counting 8000 from the new SND.UNA.
        net.Inject(false, Build(Segment(client, server, peerSeq, una + 1000, 3000), fromA: false));
        Assert.Equal(una + 1000, client.SendUnacknowledged);
        Assert.Equal(3000, client.SendWindow);
        // An old ACK below SND.UNA never sets the window.
        net.Inject(false, Build(Segment(client, server, peerSeq + 200, una + 500, 60000), fromA: false));
        Assert.Equal(3000, client.SendWindow);
    }

    [Fact]
    public void A_pure_ack_at_the_right_window_edge_is_accepted()
    {
        var net = new TcpTestNet(Plain, PlainSmall);
        var (client, server, _) = net.Open();
        net.Drop = s => s.FromA; // the client's ACKs are lost
        server.Send(new byte[1000]);
        net.Settle();
        Assert.True(server.SendNext - server.SendUnacknowledged == 1000);
        // The client filled the server's 4096-byte window (partly lost), so its pure ACK carries SND.MAX = the edge.
        net.Inject(true, Build(Segment(server, client, server.ReceiveNext + 4096, server.SendNext, 60000), fromA: true));
        Assert.Equal(server.SendNext, server.SendUnacknowledged);
        Assert.Equal(0, server.Counters.Dropped(TcpDropReason.OutOfWindow));
    }
}
