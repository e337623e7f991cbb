using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Islet.Integration.Tests.Spt;

/// <summary>
/// The sealed dns example under <c>islet run -t TARGET -p PORT:53/udp -p PORT:53 --block zones=DISK
/// -- --key KEY</c>, checked with the real tools: dig over UDP and TCP, nsupdate adding a record
/// signed with the key and refused with another. Then SIGTERM, which must stop it. Shared by the
/// spt and hvt tests; a second run on the same disk shows what the first one saved.
/// </summary>
internal static class SealedDnsRun
{
    public const string Key = "hmac-sha256:islet-test:c2VjcmV0LWtleS1mb3ItaXNsZXQtZG5zLXRlc3RzIQ==";
    private const string WrongKey = "hmac-sha256:islet-test:d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=";

    /// <summary>Starts the image, waits until it answers, runs <paramref name="checks"/> with the port, stops it; returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> Run(SptFixture fixture, string target, string disk, Action<int> checks)
    {
        int port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { fixture.IsletDll, "run", fixture.DnsImage, "-t", target, "-p", $"127.0.0.1:{port}:53/udp", "-p", $"127.0.0.1:{port}:53", "--block", $"zones={disk}", "--", "--key", Key })
            start.ArgumentList.Add(a);
        using var server = Process.Start(start)!;
        Task<string> stdout = server.StandardOutput.ReadToEndAsync(), stderr = server.StandardError.ReadToEndAsync();
        try
        {
            // The launcher forwards at once; the first answer waits for the image to boot and take its lease.
            var clock = Stopwatch.StartNew();
            while (!Dig(port, "+short", "www.example.com", "A").Contains("192.0.2.80", StringComparison.Ordinal))
            {
                if (server.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                    throw new InvalidOperationException($"the dns image did not answer within 60 s (exited: {server.HasExited})");
                Thread.Sleep(250);
            }
            checks(port);
        }
        finally
        {
            Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.True(server.WaitForExit(15_000), $"islet run -t {target} did not stop on SIGTERM");
        }
        return (server.ExitCode, await stdout + await stderr);
    }

    /// <summary>The checks of a first run: UDP and TCP answers, an update with the key, a refusal without it.</summary>
    public static void AnswerAndUpdate(int port)
    {
        string udp = Dig(port, "www.example.com", "AAAA");
        Assert.Contains("status: NOERROR", udp);
        Assert.Matches(@"www\.example\.com\.\s+3600\s+IN\s+AAAA\s+2001:db8::80", udp);
        string tcp = Dig(port, "+tcp", "blog.example.com", "A");
        Assert.Matches(@"blog\.example\.com\.\s+3600\s+IN\s+CNAME\s+www\.example\.com\.", tcp);
        Assert.Contains("(TCP)", tcp);
        Assert.Contains("status: NXDOMAIN", Dig(port, "nope.example.com", "A"));
        var update = Nsupdate(port, Key, "update add sealed.example.com 300 A 192.0.2.123");
        Assert.True(update.ExitCode == 0, update.Stdout + update.Stderr);
        Assert.Equal("192.0.2.123", Dig(port, "+short", "sealed.example.com", "A").Trim());
        var refused = Nsupdate(port, WrongKey, "update add evil.example.com 300 A 192.0.2.66");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Matches("BADSIG|tsig verify failure", refused.Stdout + refused.Stderr);
        Assert.Equal("2026112202", Dig(port, "+short", "example.com", "SOA").Split(' ')[2]);
    }

    /// <summary>The checks of a second run on the same disk: the update is still there.</summary>
    public static void StillUpdated(int port)
    {
        Assert.Equal("192.0.2.123", Dig(port, "+short", "sealed.example.com", "A").Trim());
        Assert.Equal("2026112202", Dig(port, "+short", "example.com", "SOA").Split(' ')[2]);
    }

    private static string Dig(int port, params string[] arguments) =>
        ProcessRunner.Run("dig", ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "+norec", "+time=2", "+tries=1", .. arguments], TimeSpan.FromSeconds(20)).Stdout;

    private static ProcessRunner.Result Nsupdate(int port, string key, string command)
    {
        string script = Path.GetTempFileName();
        File.WriteAllText(script, $"server 127.0.0.1 {port.ToString(CultureInfo.InvariantCulture)}\nzone example.com\n{command}\nsend\n", Encoding.ASCII);
        try
        {
            return ProcessRunner.Run("nsupdate", ["-y", key, "-t", "5", "-r", "1", script], TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(script);
        }
    }
}
