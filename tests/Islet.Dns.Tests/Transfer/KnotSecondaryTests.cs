using System.Globalization;
using System.Net;
using Islet.Dns.Tests.Interop;
using Islet.Dns.Transfer;
using Xunit.Abstractions;
using static Islet.Dns.Tests.Transfer.TransferZones;

namespace Islet.Dns.Tests.Transfer;

/// <summary>Knot DNS's knotd as a real secondary of a test primary on 127.0.0.1: it loads the zone
/// by AXFR, takes our NOTIFY (answering it, which stops our retransmission) and follows with IXFR.
/// Skipped with the reason when knotd is not installed.</summary>
public sealed class KnotSecondaryTests(ITestOutputHelper output)
{
    [ToolFact("knotd", "knot")]
    public async Task Knotd_follows_our_notify_with_an_incremental_transfer()
    {
        var notifier = new NotifySender(new NotifySenderOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxAttempts = 5 });
        await using var primary = new TestPrimary(Make(1, 10), new ZoneJournal(Origin), notifier);
        int port = KnotSecondary.FreeUdpPort();
        primary.SetTargets([new IPEndPoint(IPAddress.Loopback, port)]);
        using var knot = new KnotSecondary("example.com", new IPEndPoint(IPAddress.Loopback, primary.Port), port);
        try
        {
            Assert.True(KnotSecondary.WaitFor(() => Serial(knot) == 1), $"knotd did not load serial 1\n{knot.Log}");
            Assert.Equal("10.0.0.9", knot.Dig("h9.example.com.", "A"));

            primary.Update(Make(2, 12, "www TXT \"v2\""));
            Assert.True(KnotSecondary.WaitFor(() => Serial(knot) == 2), $"knotd did not follow the NOTIFY to serial 2\n{knot.Log}");
            Assert.Equal("10.0.0.11", knot.Dig("h11.example.com.", "A"));
            Assert.Equal(["\"hello world\"", "\"v2\""], knot.Dig("www.example.com.", "TXT").Split('\n').Order());
            Assert.True(KnotSecondary.WaitFor(() => notifier.OutstandingCount == 0), $"knotd did not answer the NOTIFY\n{knot.Log}");
            Assert.Equal(0, notifier.GivenUp);
            lock (primary.Transfers)
            {
                output.WriteLine($"transfers served: {string.Join(", ", primary.Transfers)}");
                Assert.Equal(ZoneTransferKind.Full, primary.Transfers[0]);
                Assert.Contains(ZoneTransferKind.Incremental, primary.Transfers);
            }
        }
        finally
        {
            output.WriteLine(knot.Log);
        }
    }

    private static uint? Serial(KnotSecondary knot)
    {
        string[] fields = knot.Dig("example.com.", "SOA").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 7 && uint.TryParse(fields[2], CultureInfo.InvariantCulture, out uint serial) ? serial : null;
    }
}
