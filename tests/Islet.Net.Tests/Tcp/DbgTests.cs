using Islet.Net.Tcp;
using static Islet.Net.Tests.Tcp.TcpTestNet;
namespace Islet.Net.Tests.Tcp;
public class DbgTests(Xunit.Abstractions.ITestOutputHelper o)
{
    [Theory]
    [InlineData(147)]
    public void Dbg(int seed)
    {
        double loss = 0.15, duplicate = 0.02, reorder = 0.1;
        var random = new Random(seed);
        var net = new TcpTestNet { Latency = 5 * Ms };
        net.Drop = _ => random.NextDouble() < loss;
        net.Duplicate = _ => random.NextDouble() < duplicate;
        net.Jitter = _ => random.NextDouble() < reorder ? random.Next(1, 20) * Ms : 0;
        var (client, server, _) = net.Open();
        byte[] up = new byte[1 + seed * 20000], down = new byte[seed * 997];
        long gu = 0, gd = 0; int sentUp = 0, sentDown = 0;
        var buf = new byte[8192];
        bool Pump()
        {
            if (sentUp < up.Length) sentUp += client.Send(up.AsSpan(sentUp));
            else if (client.State == TcpState.Established || client.State == TcpState.CloseWait) client.Close();
            if (sentDown < down.Length) sentDown += server.Send(down.AsSpan(sentDown));
            else if (server.State == TcpState.Established || server.State == TcpState.CloseWait) server.Close();
            int n;
            while ((n = server.Receive(buf)) > 0) gu += n;
            while ((n = client.Receive(buf)) > 0) gd += n;
            return net.A.ConnectionCount == 0 && net.B.ConnectionCount == 0;
        }
        try { net.RunUntil(Pump, 1200 * Second); } catch (Exception e) { o.WriteLine(e.Message); }
        o.WriteLine($"t={net.Now/Ms} up {gu}/{up.Length} down {gd}/{down.Length}");
        foreach (var s in net.Log.TakeLast(30)) o.WriteLine($"{s.Time/Ms} {(s.FromA?"A":"B")} {s.Repr.Flags} seq={s.Repr.SequenceNumber} ack={s.Repr.AcknowledgmentNumber} len={s.Payload.Length} win={s.Repr.Window} sack={s.Repr.SackBlockCount}");
        foreach (var c in new[]{client, server})
        {
            o.WriteLine($"{c.State} {c.Error} rcvnxt={c.ReceiveNext} una={c.SendUnacknowledged} nxt={c.SendNext} wnd={c.SendWindow} cwnd={c.CongestionWindow} ssth={c.SlowStartThreshold} rto={c.RetransmissionTimeout/Ms} ret={c.Counters.Retransmissions} fr={c.Counters.FastRetransmits} to={c.Counters.Timeouts}");
            foreach (TcpDropReason r in Enum.GetValues<TcpDropReason>()) if (c.Counters.Dropped(r) > 0) o.WriteLine($"  {r} {c.Counters.Dropped(r)}");
        }
    }
}
