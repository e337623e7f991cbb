using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Direct;

/// <summary>
/// Islet's own TCP/IP stack (the direct target) against the Linux kernel's, over TAP inside a
/// network namespace: real ping, curl and socat as peers.
/// </summary>
[Collection("direct")]
public sealed class DirectInteropTests(DirectFixture direct)
{
    private string Url(string path) => $"http://{DirectFixture.WwwAddress}{path}";

    private (int ExitCode, string Stdout, string Stderr) Curl(params string[] arguments) =>
        direct.Ns.TryExec(TimeSpan.FromSeconds(150), ["curl", "--silent", "--show-error", "--max-time", "140", .. arguments]);

    [NetworkNamespaceFact]
    public void Kernel_ping_gets_replies()
    {
        var r = direct.Ns.TryExec(TimeSpan.FromSeconds(20), "ping", "-c", "5", "-i", "0.2", "-W", "2", DirectFixture.WwwAddress);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("5 received", r.Stdout);
    }

    [NetworkNamespaceFact]
    public void Curl_fetches_www_over_tap_with_keep_alive()
    {
        var index = Path.Combine(direct.Work, "index.out");
        var css = Path.Combine(direct.Work, "css.out");
        var r = Curl("-v", "-o", index, "-o", css, Url("/"), Url("/css/site.css"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(direct.SiteDirectory, "index.html")), File.ReadAllBytes(index));
        Assert.Equal(File.ReadAllBytes(Path.Combine(direct.SiteDirectory, "css", "site.css")), File.ReadAllBytes(css));
        Assert.Contains("Re-using existing connection", r.Stderr);
    }

    [NetworkNamespaceFact]
    public void Curl_fetches_20_MB_byte_exact()
    {
        var output = Path.Combine(direct.Work, "big.out");
        var r = Curl("-o", output, "-w", "%{http_code}", Url("/big.bin"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("200", r.Stdout);
        Assert.True(direct.BigFile.AsSpan().SequenceEqual(File.ReadAllBytes(output)), "the 20 MB file came back different");
    }

    [NetworkNamespaceFact]
    public void Islet_connects_out_and_moves_100_MB_byte_exact_to_a_kernel_listener()
    {
        const long total = 100_000_000;
        var (sent, received) = Blast(total, seed: 12345, port: 9100);
        Assert.Contains($"sent {total} bytes", sent);
        Assert.Equal(ExpectedSha256(total, 12345), received);
    }

    [NetworkNamespaceFact]
    public void Transfers_stay_byte_exact_with_5_percent_loss_both_ways()
    {
        // netem is not built into this kernel; nftables drops 5% of the TAP's packets each way instead.
        direct.Ns.Exec("nft", "add", "table", "inet", "islet_loss");
        try
        {
            foreach (var (chain, hook, dir) in new[] { ("in", "input", "iifname"), ("out", "output", "oifname") })
            {
                direct.Ns.Exec("nft", "add", "chain", "inet", "islet_loss", chain, $"{{ type filter hook {hook} priority 0; }}");
                foreach (var tap in new[] { "islet0", "islet1" })
                    direct.Ns.Exec("nft", "add", "rule", "inet", "islet_loss", chain, dir, tap, "numgen", "random", "mod", "100", "<", "5", "drop");
            }
            var output = Path.Combine(direct.Work, "mid-lossy.out");
            var r = Curl("-o", output, "-w", "%{http_code}", Url("/mid.bin"));
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.True(direct.MidFile.AsSpan().SequenceEqual(File.ReadAllBytes(output)), "the 5 MB file came back different under loss");

            const long total = 5_000_000;
            var (sent, received) = Blast(total, seed: 99, port: 9101);
            Assert.Contains($"sent {total} bytes", sent);
            Assert.Equal(ExpectedSha256(total, 99), received);
            var drops = direct.Ns.Exec("nft", "list", "table", "inet", "islet_loss");
            Assert.Contains("drop", drops);
        }
        finally
        {
            direct.Ns.Exec("nft", "delete", "table", "inet", "islet_loss");
        }
    }

    [NetworkNamespaceFact]
    public void Malformed_and_odd_segments_do_not_disturb_an_established_transfer()
    {
        var output = Path.Combine(direct.Work, "big-disturbed.out");
        // Rate-limited so the transfer is still running while scapy injects.
        using var curl = direct.Ns.Start("curl", "--silent", "--show-error", "--max-time", "120", "--limit-rate", "4M", "-o", output, Url("/big.bin"));
        int peerPort = 0;
        for (int i = 0; i < 100 && peerPort == 0; i++)
        {
            var ss = direct.Ns.Exec("ss", "-Htn", "state", "established", "dst", DirectFixture.WwwAddress + ":80");
            var match = Regex.Match(ss, @"10\.77\.0\.1:(\d+)");
            if (match.Success) peerPort = int.Parse(match.Groups[1].Value);
            else Thread.Sleep(50);
        }
        Assert.True(peerPort > 0, "curl's connection never showed up");
        string script = Path.Combine(direct.RepoRoot, "tests", "Islet.Integration.Tests", "Direct", "inject_odd_segments.py");
        var inject = direct.Ns.TryExec(TimeSpan.FromSeconds(60), "/usr/bin/python3", script, "islet0", DirectFixture.WwwAddress, "80", peerPort.ToString());
        Assert.True(inject.ExitCode == 0, inject.Stdout + inject.Stderr);
        foreach (var kind in new[] { "bad-checksum", "syn-fin", "bad-options", "out-of-window-rst", "garbage" }) Assert.Contains(kind, inject.Stdout);
        Assert.False(curl.HasExited && curl.ExitCode != 0, "the transfer failed while the odd segments arrived");
        Assert.True(curl.WaitForExit(120_000), "curl did not finish");
        Assert.Equal(0, curl.ExitCode);
        Assert.True(direct.BigFile.AsSpan().SequenceEqual(File.ReadAllBytes(output)), "the transfer was corrupted by the injected segments");
    }

    [NetworkNamespaceFact]
    public void Transfers_stay_byte_exact_with_netem_like_loss_reordering_and_delay_on_islets_side()
    {
        // netem is not in this kernel, so the unikernel impairs its own link, both directions:
        // 5% loss, 10% reordered (+3 ms), 5 ms delay each way (a 10 ms round trip).
        const string impair = "loss=5,reorder=10,reorder-delay=3,delay=5,seed=11";
        using var www = direct.Ns.Start(direct.WwwImage, "--islet-net", "tap:islet2", "--islet-ip", DirectFixture.ImpairedAddress + "/24",
            "--islet-quiet", "--islet-content", $"site={direct.SiteDirectory}", "--islet-impair", impair);
        try
        {
            var rtt = direct.Ns.TryExec(TimeSpan.FromSeconds(30), "ping", "-c", "20", "-i", "0.2", "-W", "2", DirectFixture.ImpairedAddress);
            Assert.Matches(@"rtt min/avg/max/mdev = (1\d|[2-9]\d)\.", rtt.Stdout); // about 10 ms and up: the delay is there
            var output = Path.Combine(direct.Work, "mid-impaired.out");
            var r = Curl("-o", output, "-w", "%{http_code}", $"http://{DirectFixture.ImpairedAddress}/mid.bin");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.True(direct.MidFile.AsSpan().SequenceEqual(File.ReadAllBytes(output)), "the 5 MB file came back different");
        }
        finally
        {
            www.Kill();
            www.WaitForExit(5_000);
        }
        const long total = 5_000_000;
        var (sent, received) = Blast(total, seed: 5150, port: 9102, "--islet-impair", impair);
        Assert.Contains($"sent {total} bytes", sent);
        Assert.Equal(ExpectedSha256(total, 5150), received);
    }

    /// <summary>Runs tcp-blast inside the namespace against a socat listener; returns its output and the SHA-256 of what socat received.</summary>
    private (string Sent, string ReceivedSha256) Blast(long total, ulong seed, int port, params string[] isletOptions)
    {
        var file = Path.Combine(direct.Work, $"blast-{port}.bin");
        using var listener = direct.Ns.Start("socat", "-u", $"TCP-LISTEN:{port},bind={DirectFixture.BlastKernelAddress},reuseaddr", $"OPEN:{file},creat,trunc");
        Thread.Sleep(300); // socat is listening well before the unikernel has resolved ARP
        var blast = direct.Ns.TryExec(TimeSpan.FromMinutes(4), [direct.BlastImage, "--islet-net", "tap:islet1", "--islet-ip", DirectFixture.BlastAddress + "/24",
            "--islet-quiet", .. isletOptions, DirectFixture.BlastKernelAddress, port.ToString(), total.ToString(), seed.ToString()]);
        Assert.True(blast.ExitCode == 0, $"tcp-blast failed ({blast.ExitCode}): {blast.Stdout}{blast.Stderr}");
        Assert.True(listener.WaitForExit(30_000), "socat did not finish");
        using var stream = File.OpenRead(file);
        return (blast.Stdout, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>The SHA-256 of tcp-blast's xorshift64 stream.</summary>
    private static string ExpectedSha256(long total, ulong seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        ulong state = seed == 0 ? 1 : seed;
        for (long done = 0; done < total;)
        {
            int chunk = (int)Math.Min(buffer.Length, total - done);
            for (int i = 0; i < chunk; i++)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                buffer[i] = (byte)state;
            }
            hash.AppendData(buffer, 0, chunk);
            done += chunk;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
