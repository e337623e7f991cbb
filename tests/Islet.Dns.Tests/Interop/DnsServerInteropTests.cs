using Islet.Dns.Persistence;
using Islet.Dns.Security;
using Islet.Dns.Server;
using Islet.Dns.Tests.Server;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Interop;

/// <summary>
/// The whole server (DnsServer over the unix target's kernel sockets on 127.0.0.1) against the
/// real tools: nsupdate with TSIG, dig and kdig for answers, truncation and transfers, and Knot as
/// a secondary following NOTIFY with IXFR.
/// </summary>
public sealed class DnsServerInteropTests
{
    internal const string Secret = "c2VjcmV0LWtleS1mb3ItaXNsZXQtZG5zLXRlc3RzIQ==";
    internal const string Key = "hmac-sha256:update-key:" + Secret;
    internal const string WrongKey = "hmac-sha256:update-key:d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=";

    private static readonly DnsName s_origin = DnsName.Parse("example.com.");

    private static DnsServerOptions Options(TransferPolicy? transfers = null) => new()
    {
        Keys = new TsigKeyring(TsigKey.Parse(Key)),
        Transfers = transfers ?? TransferPolicy.DenyAll,
    };

    [ToolFact("nsupdate", "bind9-dnsutils")]
    public void Nsupdate_adds_and_deletes_records_the_changes_are_saved_and_a_wrong_key_is_refused()
    {
        string directory = ExternalTool.TempDirectory("islet-dns-update-");
        string file = Path.Combine(directory, "example.com.zone");
        try
        {
            var persistence = new ZoneFilePersistence(file);
            var options = Options() with { Persistence = new Dictionary<DnsName, IZonePersistence> { [s_origin] = persistence } };
            using (var harness = new ServerHarness(options, DnsZone.Load(ServerZone.Text, s_origin)))
            {
                var (code, output) = DnsTools.Nsupdate(harness.Port, Key, "example.com", "update add new.example.com 300 A 192.0.2.200", "update add new.example.com 300 TXT \"made by nsupdate\"");
                Assert.True(code == 0, output);
                Assert.Contains("192.0.2.200", DnsTools.Dig(harness.Port, "+short", "new.example.com", "A"));
                Assert.Contains("2024010102", DnsTools.Dig(harness.Port, "+short", "example.com", "SOA"));

                var (badCode, bad) = DnsTools.Nsupdate(harness.Port, WrongKey, "example.com", "update add evil.example.com 300 A 192.0.2.66");
                Assert.NotEqual(0, badCode);
                Assert.Matches("BADSIG|tsig verify failure", bad);
                Assert.Contains("NXDOMAIN", DnsTools.Dig(harness.Port, "evil.example.com", "A"));

                var (unsignedCode, unsigned) = DnsTools.Run("nsupdate", ["-t", "5", "-r", "0"], $"server 127.0.0.1 {harness.Port}\nzone example.com\nupdate add evil.example.com 300 A 192.0.2.66\nsend\n");
                Assert.NotEqual(0, unsignedCode);
                Assert.Contains("REFUSED", unsigned);

                var (deleteCode, deleted) = DnsTools.Nsupdate(harness.Port, Key, "example.com", "update delete www.example.com A");
                Assert.True(deleteCode == 0, deleted);
                Assert.DoesNotContain("192.0.2.10", DnsTools.Dig(harness.Port, "+short", "www.example.com", "A"));
                Assert.Equal(2, harness.OnLoop(() => harness.Server.Counters.UpdatesApplied));
            }

            // A server started from what was saved has both changes and the serial they made.
            DnsZone saved = persistence.LoadAsync(s_origin).AsTask().GetAwaiter().GetResult()!;
            Assert.Equal(2024010103u, ((SoaRecordData)saved.Soa.Data).Serial);
            using var restarted = new ServerHarness(Options(), saved);
            Assert.Contains("192.0.2.200", DnsTools.Dig(restarted.Port, "+short", "new.example.com", "A"));
            Assert.Contains("made by nsupdate", DnsTools.Dig(restarted.Port, "+short", "new.example.com", "TXT"));
            Assert.DoesNotContain("192.0.2.10", DnsTools.Dig(restarted.Port, "+short", "www.example.com", "A"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [ToolFact("kdig", "knot-dnsutils")]
    public void Kdig_gets_every_record_type_and_a_truncated_answer_falls_back_to_tcp()
    {
        using var harness = new ServerHarness(Options(), DnsZone.Load(ServerZone.Text, s_origin));
        string[] cases = ["example.com SOA", "example.com NS", "example.com MX", "www.example.com A", "www.example.com AAAA", "alias.example.com CNAME", "_sip._tcp.example.com SRV", "x.wild.example.com TXT"];
        foreach (string query in cases)
        {
            string[] parts = query.Split(' ');
            var (code, output) = DnsTools.Kdig(harness.Port, parts[0], parts[1]);
            Assert.True(code == 0, output);
            Assert.Contains("status: NOERROR", output);
            Assert.Contains("Flags: qr aa", output);
            Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(parts[0])}\.\s+\d+\s+IN\s+{parts[1]}\s", output);
        }
        var (bigCode, big) = DnsTools.Kdig(harness.Port, "+noedns", "big.example.com", "TXT");
        Assert.True(bigCode == 0, big);
        Assert.Contains("TCP", big);
        Assert.Equal(12, big.Split('\n').Count(l => l.StartsWith("big.example.com.", StringComparison.Ordinal)));
    }

    [ToolFact("kdig", "knot-dnsutils")]
    public void Axfr_is_refused_by_default_allowed_from_an_allowed_address_and_with_a_tsig_key()
    {
        using (var closed = new ServerHarness(Options(), DnsZone.Load(ServerZone.Text, s_origin)))
        {
            var (_, refused) = DnsTools.Kdig(closed.Port, "example.com", "AXFR");
            Assert.Contains("REFUSED", refused);
            var (signedCode, signed) = DnsTools.Kdig(closed.Port, "-y", Key, "example.com", "AXFR");
            Assert.True(signedCode == 0, signed);
            Assert.Contains("TSIG", signed);
            Assert.Equal(ZoneLines(), AxfrLines(signed));
        }
        using var open = new ServerHarness(Options(TransferPolicy.LoopbackOnly), DnsZone.Load(ServerZone.Text, s_origin));
        var (code, output) = DnsTools.Kdig(open.Port, "example.com", "AXFR");
        Assert.True(code == 0, output);
        Assert.Equal(ZoneLines(), AxfrLines(output));
    }

    [ToolFact("knotd", "knot")]
    public void Knot_as_a_secondary_loads_the_zone_by_axfr_and_follows_an_update_by_notify_and_ixfr()
    {
        int knotPort = KnotSecondary.FreeUdpPort();
        var options = Options(TransferPolicy.LoopbackOnly) with
        {
            NotifyTargets = [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, knotPort)],
        };
        using var primary = new ServerHarness(options, DnsZone.Load(ServerZone.Text, s_origin));
        using var knot = new KnotSecondary("example.com", primary.EndPoint, knotPort);
        Assert.True(KnotSecondary.WaitFor(() => knot.Dig("example.com", "SOA").Contains("2024010101", StringComparison.Ordinal)), knot.Log);
        Assert.Equal("192.0.2.10", knot.Dig("www.example.com", "A"));

        var (code, output) = DnsTools.Nsupdate(primary.Port, Key, "example.com", "update add fresh.example.com 300 A 192.0.2.201");
        Assert.True(code == 0, output);
        Assert.True(KnotSecondary.WaitFor(() => knot.Dig("fresh.example.com", "A") == "192.0.2.201"), knot.Log);
        Assert.Contains("2024010102", knot.Dig("example.com", "SOA"));
        Assert.Matches("IXFR, incoming.*finished|IXFR.*finished", knot.Log);
        Assert.True(primary.OnLoop(() => primary.Server.Counters.NotifiesSent) >= 1);
    }

    private static string[] ZoneLines() =>
        [.. DnsZone.Load(ServerZone.Text, s_origin).Records.Select(r => Normalize(r.ToString())).Distinct().Order(StringComparer.Ordinal)];

    private static string[] AxfrLines(string output) =>
        [.. output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(';') && !l.Contains("TSIG", StringComparison.Ordinal))
            .Select(Normalize).Distinct().Order(StringComparer.Ordinal)];

    private static string Normalize(string line) => string.Join(' ', line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
