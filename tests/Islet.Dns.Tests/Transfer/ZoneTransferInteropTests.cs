using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using Xunit.Abstractions;
using static Islet.Dns.Tests.Transfer.TransferZones;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Transfer;

/// <summary>AXFR and IXFR with BIND's dig and Knot's kdig over TCP on 127.0.0.1. Each test prints
/// SKIPPED and passes when its tool is not installed.</summary>
public sealed partial class ZoneTransferInteropTests(ITestOutputHelper output)
{
    public static TheoryData<string> Tools => new() { "dig", "kdig" };

    private string? Find(string tool)
    {
        string? path = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        if (path is null)
            output.WriteLine($"SKIPPED: {tool} is not installed (apt-get install bind9-dnsutils knot-dnsutils)");
        return path;
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public async Task Axfr_of_a_small_zone_matches_the_zone(string tool)
    {
        if (Find(tool) is not { } path)
            return;
        DnsZone zone = Make(2024, 20, "mail MX 10 www", "_sip._tcp SRV 10 60 5060 www", "v6 AAAA 2001:db8::6", "alias CNAME www");
        await using var server = new TransferTcpServer(zone, null);
        List<string> records = Records(await Run(path, server.Port, "AXFR"));
        Assert.Equal(Normalize([.. Texts(zone.Records), zone.Soa.ToString()]), records);
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public async Task Axfr_of_5000_records_arrives_complete_over_several_messages(string tool)
    {
        if (Find(tool) is not { } path)
            return;
        DnsZone zone = Make(99, 5000);
        await using var server = new TransferTcpServer(zone, null);
        string text = await Run(path, server.Port, "AXFR");
        List<string> records = Records(text);
        Assert.Equal(Normalize([.. Texts(zone.Records), zone.Soa.ToString()]), records);
        Assert.True(server.MessagesSent >= 2, $"{server.MessagesSent} messages");
        output.WriteLine($"{tool}: {records.Count} records in {server.MessagesSent} messages");
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public async Task Ixfr_from_a_journaled_serial_gets_the_incremental_records(string tool)
    {
        if (Find(tool) is not { } path)
            return;
        DnsZone v1 = Make(1, 3);
        DnsZone v2 = Make(2, 4, "www TXT \"v2\"");
        DnsZone v3 = Make(3, 2, "www TXT \"v3\"");
        var journal = new ZoneJournal(Origin);
        journal.Append(ZoneDiff.Between(v1, v2));
        journal.Append(ZoneDiff.Between(v2, v3));
        await using var server = new TransferTcpServer(v3, journal);
        List<string> records = Records(await Run(path, server.Port, "IXFR=1"));
        Assert.True(journal.TryGetChain(1, 3, out IReadOnlyList<ZoneDiff> chain));
        List<string> expected = [v3.Soa.ToString()];
        foreach (ZoneDiff diff in chain)
            expected.AddRange([diff.OldSoa.ToString(), .. Texts(diff.Deleted), diff.NewSoa.ToString(), .. Texts(diff.Added)]);
        expected.Add(v3.Soa.ToString());
        Assert.Equal(Normalize(expected), records);
        Assert.Contains(records, r => r.Contains("\"v3\"", StringComparison.Ordinal));

        // Up to date: our SOA alone.
        List<string> current = Records(await Run(path, server.Port, "IXFR=3"));
        Assert.Equal(Normalize([v3.Soa.ToString()]), current);
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public async Task Ixfr_from_an_unknown_serial_gets_the_whole_zone(string tool)
    {
        if (Find(tool) is not { } path)
            return;
        DnsZone zone = Make(50, 10);
        await using var server = new TransferTcpServer(zone, new ZoneJournal(Origin));
        List<string> records = Records(await Run(path, server.Port, "IXFR=40"));
        Assert.Equal(Normalize([.. Texts(zone.Records), zone.Soa.ToString()]), records);
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public async Task Ixfr_over_udp_is_incremental_when_it_fits_and_our_soa_alone_when_not(string tool)
    {
        if (Find(tool) is not { } path)
            return;
        DnsZone v1 = Make(1, 3);
        DnsZone v2 = Make(2, 300);
        var journal = new ZoneJournal(Origin);
        journal.Append(ZoneDiff.Between(v1, Make(2, 3, "www TXT \"v2\"")));
        DnsZone small = Make(2, 3, "www TXT \"v2\"");
        using (var server = new TransferUdpServer(small, journal))
        {
            List<string> records = Records(await Run(path, server.Port, "IXFR=1", udp: true));
            Assert.True(journal.TryGetChain(1, 2, out IReadOnlyList<ZoneDiff> chain));
            ZoneDiff diff = chain[0];
            Assert.Equal(Normalize([small.Soa.ToString(), diff.OldSoa.ToString(), .. Texts(diff.Deleted), diff.NewSoa.ToString(), .. Texts(diff.Added), small.Soa.ToString()]), records);
        }
        using (var server = new TransferUdpServer(v2, new ZoneJournal(Origin)))
        {
            List<string> records = Records(await Run(path, server.Port, "IXFR=1", udp: true));
            Assert.Equal(Normalize([v2.Soa.ToString()]), records);
        }
    }

    private async Task<string> Run(string tool, int port, string type, bool udp = false)
    {
        string[] args = ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), udp ? "+notcp" : "+tcp", "+time=5",
            Path.GetFileName(tool) == "kdig" ? "+retry=0" : "+tries=1", "example.com.", type];
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string text = await stdout;
        string errors = await stderr;
        if (process.ExitCode != 0 || errors.Length > 0)
            output.WriteLine($"{Path.GetFileName(tool)} exit {process.ExitCode}: {errors}\n{text[..Math.Min(text.Length, 2000)]}");
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    /// <summary>The record lines of dig or kdig output, with white space collapsed.</summary>
    private static List<string> Records(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith(';')).Select(Collapse)];

    private static List<string> Normalize(IEnumerable<string> records) => [.. records.Select(Collapse)];

    private static string Collapse(string line) => Spaces().Replace(line, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
