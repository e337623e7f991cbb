using System.IO.Pipelines;
using System.Text;
using Islet.Events;
using Xunit;
using Xunit.Abstractions;

namespace Islet.Http.Tests;

/// <summary>
/// Steady-state allocations of serving keep-alive requests from a store: a budget checked in
/// bytes (deterministic), not in time.
/// </summary>
public sealed class AllocationBudgetTests(ITestOutputHelper output)
{
    private static bool IsOptimized(System.Reflection.Assembly assembly) =>
        assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);

    [Fact]
    public void Keep_alive_get_from_a_store_allocates_nothing_per_request_in_release()
    {
        var store = new TestStore().Add("index.html", new string('x', 1200));
        var handler = new StaticSiteHandler(store);
        var request = Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: bench\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n");
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        double perRequest = loop.Run(async () =>
        {
            var toServer = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false, readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline));
            var toClient = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false, readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline));
            var connection = new HttpConnection(new DuplexPipe(toServer.Reader, toClient.Writer), handler, null);
            var run = connection.RunAsync();

            async Task RoundTrips(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    await toServer.Writer.WriteAsync(request);
                    var result = await toClient.Reader.ReadAsync();
                    toClient.Reader.AdvanceTo(result.Buffer.End);
                }
            }

            await RoundTrips(1_000); // warm up: pools, date cache, tiered JIT state
            const int measured = 100_000;
            long before = GC.GetAllocatedBytesForCurrentThread();
            await RoundTrips(measured);
            long after = GC.GetAllocatedBytesForCurrentThread();
            await toServer.Writer.CompleteAsync();
            await run;
            return (after - before) / (double)measured;
        });
        output.WriteLine($"allocated per keep-alive request: {perRequest:F1} bytes");
        // Optimised builds: zero per request (under one byte on average allows a rare pool
        // refill). Debug builds make every async state machine a class, so they get a loose
        // budget that still catches a per-header or per-request buffer.
        double budget = IsOptimized(typeof(HttpConnection).Assembly) ? 1 : 1024;
        Assert.True(perRequest < budget, $"allocated {perRequest:F1} bytes per request (budget {budget})");
    }
}
