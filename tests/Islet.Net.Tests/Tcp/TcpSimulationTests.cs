using Islet.Net.Tcp;
using static Islet.Net.Tests.Tcp.TcpTestNet;

namespace Islet.Net.Tests.Tcp;

/// <summary>Whole transfers between two layers over a lossy in-test wire.</summary>
public class TcpSimulationTests
{
    private sealed record Outcome(long EndTime, int Segments, long Retransmissions);

    private static Outcome Transfer(int seed, int sizeAtoB, int sizeBtoA, double loss, double duplicate = 0, double reorder = 0)
    {
        var random = new Random(seed);
        var net = new TcpTestNet { Latency = 5 * Ms };
        net.Drop = _ => random.NextDouble() < loss;
        net.Duplicate = _ => random.NextDouble() < duplicate;
        net.Jitter = _ => random.NextDouble() < reorder ? random.Next(1, 20) * Ms : 0;
        var (client, server, _) = net.Open();
        byte[] up = new byte[sizeAtoB], down = new byte[sizeBtoA];
        new Random(seed + 1).NextBytes(up);
        new Random(seed + 2).NextBytes(down);
        var gotUp = new MemoryStream();
        var gotDown = new MemoryStream();
        int sentUp = 0, sentDown = 0;
        var buf = new byte[8192];
        bool Pump()
        {
            if (sentUp < up.Length) sentUp += client.Send(up.AsSpan(sentUp));
            else if (client.State == TcpState.Established || client.State == TcpState.CloseWait) client.Close();
            if (sentDown < down.Length) sentDown += server.Send(down.AsSpan(sentDown));
            else if (server.State == TcpState.Established || server.State == TcpState.CloseWait) server.Close();
            int n;
            while ((n = server.Receive(buf)) > 0) gotUp.Write(buf, 0, n);
            while ((n = client.Receive(buf)) > 0) gotDown.Write(buf, 0, n);
            return net.A.ConnectionCount == 0 && net.B.ConnectionCount == 0;
        }
        net.RunUntil(Pump, 1200 * Second);
        Assert.True(up.Length == gotUp.Length && down.Length == gotDown.Length,
            $"up {gotUp.Length}/{up.Length} down {gotDown.Length}/{down.Length} client {client.State} {client.Error} server {server.State} {server.Error} t={net.Now / Ms}ms");
        Assert.Equal(up, gotUp.ToArray());
        Assert.Equal(down, gotDown.ToArray());
        Assert.True(client.ReceiveFinished && server.ReceiveFinished);
        Assert.Equal(TcpState.Closed, client.State);
        Assert.Equal(TcpState.Closed, server.State);
        Assert.Null(client.Error);
        Assert.Null(server.Error);
        return new Outcome(net.Now, net.Log.Count, client.Counters.Retransmissions + server.Counters.Retransmissions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Transfers_1_MB_byte_exact_with_5_percent_loss_both_ways(int seed)
    {
        var outcome = Transfer(seed, 1 << 20, 100_000, 0.05);
        Assert.True(outcome.Retransmissions > 0);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Transfers_byte_exact_with_loss_duplication_and_reordering(int seed)
    {
        var outcome = Transfer(seed, 1 << 20, 300_000, 0.05, duplicate: 0.02, reorder: 0.1);
        Assert.True(outcome.Retransmissions > 0);
    }

    [Fact]
    public void Transfer_is_lossless_without_retransmissions_on_a_clean_wire()
    {
        var outcome = Transfer(9, 1 << 20, 1 << 20, 0);
        Assert.Equal(0, outcome.Retransmissions);
    }

    [Fact]
    public void Simulation_is_deterministic_for_a_seed()
    {
        Assert.Equal(Transfer(42, 200_000, 50_000, 0.05), Transfer(42, 200_000, 50_000, 0.05));
    }
}
