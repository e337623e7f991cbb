using Islet.Net.Ip;
using Islet.Net.Tcp;
using Islet.Net.Wire;
using static Islet.Net.Tests.Tcp.TcpTestNet;

namespace Islet.Net.Tests.Tcp;

/// <summary>The transitions of RFC 9293's state diagram (§3.3.2, figure 5), with explicit time.</summary>
public class TcpStateTests
{
    [Fact]
    public void Three_way_handshake_listen_syn_received_established()
    {
        var net = new TcpTestNet();
        var listener = net.B.Listen(new Ipv4Endpoint(AddressB, 80), 4);
        var client = net.A.Connect(AddressA, new Ipv4Endpoint(AddressB, 80), 0);
        Assert.Equal(TcpState.SynSent, client.State);
        Assert.InRange(client.LocalEndpoint.Port, 49152, 65535);
        net.Latency = 5 * Ms;
        net.RunUntil(5 * Ms); // SYN arrives
        Assert.Equal(1, net.B.ConnectionCount);
        Assert.Equal(1, listener.HalfOpen);
        net.RunUntil(10 * Ms); // SYN-ACK arrives
        Assert.Equal(TcpState.Established, client.State);
        Assert.False(net.B.TryAccept(listener, out _));
        net.RunUntil(15 * Ms); // ACK arrives
        Assert.True(net.B.TryAccept(listener, out var server));
        Assert.Equal(TcpState.Established, server.State);
        Assert.Equal(0, listener.HalfOpen);
        Assert.Equal(client.LocalEndpoint, server.RemoteEndpoint);
        var syn = net.Log[0];
        Assert.Equal(TcpFlags.Syn, syn.Repr.Flags);
        Assert.Equal(1460, syn.Repr.MaxSegmentSize); // MTU 1500 - 20 - 20
        Assert.True(client.TimestampsEnabled && client.SackEnabled && client.WindowScalingEnabled);
        Assert.Equal(1448, client.SendMss);
    }

    [Fact]
    public void Connect_to_a_closed_port_is_refused_and_leaves_no_state()
    {
        var net = new TcpTestNet();
        var client = net.A.Connect(AddressA, new Ipv4Endpoint(AddressB, 81), 0);
        net.Settle();
        Assert.Equal(TcpState.Closed, client.State);
        Assert.Equal(NetError.Refused, client.Error);
        Assert.Equal(TcpFlags.Rst | TcpFlags.Ack, net.Log[1].Repr.Flags);
        Assert.Equal(net.Log[0].Repr.SequenceNumber + 1, net.Log[1].Repr.AcknowledgmentNumber);
        Assert.Equal(0, net.A.ConnectionCount);
        Assert.Equal(0, net.B.ConnectionCount);
        Assert.Equal(1, net.B.Counters.Dropped(TcpDropReason.NoSocket));
    }

    [Fact]
    public void Listen_twice_on_one_endpoint_throws_address_in_use()
    {
        var net = new TcpTestNet();
        net.B.Listen(new Ipv4Endpoint(AddressB, 80), 1);
        var e = Assert.Throws<NetException>(() => net.B.Listen(new Ipv4Endpoint(AddressB, 80), 1));
        Assert.Equal(NetError.AddressInUse, e.Error);
    }

    [Fact]
    public void Simultaneous_open_goes_through_syn_received()
    {
        var zero = new byte[32]; // both pick ephemeral port 49152 first
        var net = new TcpTestNet(secretA: zero, secretB: zero);
        var a = net.A.Connect(AddressA, new Ipv4Endpoint(AddressB, 49152), 0);
        var b = net.B.Connect(AddressB, new Ipv4Endpoint(AddressA, 49152), 0);
        net.Latency = 10 * Ms;
        var states = new List<TcpState>();
        a.Observer = new Recorder(() => states.Add(a.State));
        net.RunUntil(() => a.State == TcpState.Established && b.State == TcpState.Established, Second);
        Assert.Equal([TcpState.SynReceived, TcpState.Established], states);
        Assert.Equal(2, net.Log.Count(s => s.Repr.Flags == (TcpFlags.Syn | TcpFlags.Ack)));
        Assert.Equal(2, a.Send("hi"u8));
        net.Advance(Second);
        var buf = new byte[4];
        Assert.Equal(2, b.Receive(buf));
    }

    [Fact]
    public void Active_close_fin_wait_1_fin_wait_2_time_wait_and_passive_close_wait_last_ack()
    {
        var net = new TcpTestNet();
        net.Latency = Ms;
        var (client, server, _) = net.Open();
        client.Close();
        Assert.Equal(TcpState.FinWait1, client.State);
        net.RunUntil(net.Now + Ms); // FIN arrives
        Assert.Equal(TcpState.CloseWait, server.State);
        Assert.True(server.ReceiveFinished);
        net.RunUntil(net.Now + Ms); // its ACK arrives
        Assert.Equal(TcpState.FinWait2, client.State);
        Assert.Equal(5, server.Send("after"u8)); // half-close: the server can still send
        server.Close();
        Assert.Equal(TcpState.LastAck, server.State);
        net.RunUntil(net.Now + Ms);
        Assert.Equal(TcpState.TimeWait, client.State);
        var buf = new byte[16];
        Assert.Equal(5, client.Receive(buf));
        Assert.True(client.ReceiveFinished);
        net.RunUntil(net.Now + Ms);
        Assert.Equal(TcpState.Closed, server.State);
        Assert.Null(server.Error);
        Assert.Equal(0, net.B.ConnectionCount);
        long timeWaitStart = net.Now - Ms;
        net.RunUntil(timeWaitStart + 60 * Second - Ms);
        Assert.Equal(TcpState.TimeWait, client.State);
        net.RunUntil(timeWaitStart + 60 * Second + Ms);
        Assert.Equal(TcpState.Closed, client.State);
        Assert.Equal(0, net.A.ConnectionCount);
    }

    [Fact]
    public void Simultaneous_close_goes_through_closing_to_time_wait()
    {
        var net = new TcpTestNet(new TcpOptions { TimeWait = TimeSpan.FromSeconds(2) }, new TcpOptions { TimeWait = TimeSpan.FromSeconds(2) });
        net.Latency = 10 * Ms;
        var (client, server, _) = net.Open();
        var seen = new List<TcpState>();
        client.Observer = new Recorder(() => seen.Add(client.State));
        client.Close();
        server.Close();
        net.RunUntil(() => client.State == TcpState.TimeWait && server.State == TcpState.TimeWait, Second);
        Assert.Equal([TcpState.FinWait1, TcpState.Closing, TcpState.TimeWait], seen);
        net.Advance(3 * Second);
        Assert.Equal(0, net.A.ConnectionCount + net.B.ConnectionCount);
    }

    public static TheoryData<string, TcpState, NetError?> RstCases => new()
    {
        { "established", TcpState.Established, NetError.Reset },
        { "fin-wait-1", TcpState.FinWait1, NetError.Reset },
        { "fin-wait-2", TcpState.FinWait2, NetError.Reset },
        { "close-wait", TcpState.CloseWait, NetError.Reset },
        { "closing", TcpState.Closing, null },
        { "last-ack", TcpState.LastAck, null },
        { "time-wait", TcpState.TimeWait, null },
    };

    [Theory]
    [MemberData(nameof(RstCases))]
    public void Exact_rst_closes_every_synchronized_state(string name, TcpState state, NetError? error)
    {
        _ = name;
        var net = new TcpTestNet();
        net.Latency = Ms;
        var (client, server, _) = net.Open();
        switch (state)
        {
            case TcpState.FinWait1: net.Drop = s => !s.FromA; client.Close(); break;
            case TcpState.FinWait2: client.Close(); break;
            case TcpState.CloseWait: server.Close(); break;
            case TcpState.Closing: net.Drop = s => !s.FromA && !s.Has(TcpFlags.Fin); client.Close(); server.Close(); break;
            case TcpState.LastAck: server.Close(); net.Advance(10 * Ms); net.Drop = s => !s.FromA; client.Close(); break;
            case TcpState.TimeWait: client.Close(); net.Advance(10 * Ms); server.Close(); break;
        }
        net.Advance(10 * Ms);
        Assert.Equal(state, client.State);
        net.Drop = null;
        var rst = new TcpRepr
        {
            SourcePort = 80, DestinationPort = client.LocalEndpoint.Port,
            SequenceNumber = client.ReceiveNext, Flags = TcpFlags.Rst,
        };
        net.Inject(false, Build(rst, fromA: false));
        Assert.Equal(TcpState.Closed, client.State);
        Assert.Equal(error, client.Error);
        net.Settle();
        Assert.Equal(0, net.A.ConnectionCount);
    }

    [Fact]
    public void Abort_sends_rst_and_the_peer_reports_reset()
    {
        var net = new TcpTestNet();
        var (client, server, _) = net.Open();
        client.Abort();
        net.Settle();
        Assert.Equal(TcpState.Closed, server.State);
        Assert.Equal(NetError.Reset, server.Error);
        Assert.Null(client.Error);
        Assert.Equal(0, net.A.ConnectionCount + net.B.ConnectionCount);
    }

    [Fact]
    public void Backlog_drops_syns_beyond_the_limit()
    {
        var net = new TcpTestNet();
        var listener = net.B.Listen(new Ipv4Endpoint(AddressB, 80), 2);
        net.Drop = s => !s.FromA; // B's SYN-ACKs never arrive: connections stay half-open
        for (int i = 0; i < 5; i++) net.A.Connect(AddressA, new Ipv4Endpoint(AddressB, 80), 0);
        net.Settle();
        Assert.Equal(2, listener.HalfOpen);
        Assert.Equal(2, net.B.ConnectionCount);
        Assert.Equal(3, net.B.Counters.Dropped(TcpDropReason.BacklogFull));
    }

    internal sealed class Recorder(Action onState) : ITcpObserver
    {
        public void OnReadable() { }
        public void OnWritable() { }
        public void OnStateChanged() => onState();
    }
}
