using Islet.Net.Tcp;
using static Islet.Net.Tests.Tcp.TcpTestNet;
namespace Islet.Net.Tests.Tcp;
public class DbgTests(Xunit.Abstractions.ITestOutputHelper o)
{
    [Fact]
    public void Dbg()
    {
        for (int seed = 100; seed < 160; seed++)
        {
            var m = typeof(TcpSimulationTests).GetMethod("Transfer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
            try {
            var r = m.Invoke(null, [seed, 100_000 + seed * 10000, 200_000, 0.05, 0.02, 0.1]);
            o.WriteLine($"{seed} {r}");
            } catch (Exception e) { o.WriteLine($"{seed} FAIL {e.InnerException?.Message}"); }
        }
    }
}
