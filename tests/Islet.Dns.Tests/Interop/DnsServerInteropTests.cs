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

    private const string EveryTypeZone = """
        $TTL 300
        @        SOA    ns1 hostmaster 1 7200 900 1209600 300
        @        NS     ns1
        ns1      A      192.0.2.1
        a        A      192.0.2.2
        aaaa     AAAA   2001:db8::2
        cname    CNAME  a
        ptr      PTR    a.example.com.
        mx       MX     10 a
        txt      TXT    "hello" "world"
        srv      SRV    1 2 3 a
        caa      CAA    0 issue "ca.example.net"
        ds       DS     12345 13 2 2BB183AF5F22588179A53B0A98631FAD1A292118F2B0A8C9D0A8F3B4E5D6C7B8
        dnskey   DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
        rrsig    RRSIG  A 13 3 300 20300101000000 20200101000000 12345 example.com. mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
        nsec     NSEC   z.example.com. A RRSIG NSEC
        unknown  TYPE65534 \# 4 0A000001
        """;

    [ToolFact("kdig", "knot-dnsutils")]
    public void Dig_and_kdig_read_every_record_type_the_server_serves()
    {
        Assert.NotNull(ToolFactAttribute.Find("dig"));
        using var harness = new ServerHarness(Options(), DnsZone.Load(EveryTypeZone, s_origin));
        (string Name, string Type)[] cases =
        [
            ("example.com", "SOA"), ("example.com", "NS"), ("a.example.com", "A"), ("aaaa.example.com", "AAAA"),
            ("cname.example.com", "CNAME"), ("ptr.example.com", "PTR"), ("mx.example.com", "MX"), ("txt.example.com", "TXT"),
            ("srv.example.com", "SRV"), ("caa.example.com", "CAA"), ("ds.example.com", "DS"), ("dnskey.example.com", "DNSKEY"),
            ("rrsig.example.com", "RRSIG"), ("nsec.example.com", "NSEC"), ("unknown.example.com", "TYPE65534"),
        ];
        foreach (var (name, type) in cases)
        {
            string dig = DnsTools.Dig(harness.Port, name, type);
            var (kdigCode, kdig) = DnsTools.Kdig(harness.Port, name, type);
            Assert.True(kdigCode == 0, kdig);
            foreach (string output in new[] { dig, kdig })
            {
                Assert.Matches("status: NOERROR", output);
                Assert.DoesNotContain("malformed", output, StringComparison.OrdinalIgnoreCase);
                Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(name)}\.\s+300\s+IN\s+{type}\s+\S", output);
            }
        }
        Assert.Contains("\\# 4 0A000001", DnsTools.Dig(harness.Port, "unknown.example.com", "TYPE65534"));
        Assert.Contains("\"ca.example.net\"", DnsTools.Dig(harness.Port, "+short", "caa.example.com", "CAA"));
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
