using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Security;
using Islet.Dns.Server;
using Islet.Dns.Update;
using Xunit.Abstractions;
using static Islet.Dns.Tests.Update.UpdateMessages;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Update;

/// <summary>Interop with BIND's nsupdate and dig over a UDP loop on 127.0.0.1: the loop routes
/// UPDATE to <see cref="UpdateService"/> and everything else to an <see cref="AuthoritativeAnswerer"/>
/// over the current zone. Skipped (with a printed reason) when nsupdate or dig is not on PATH.</summary>
public sealed class NsupdateInteropTests(ITestOutputHelper output)
{
    private const string Secret = "bXktdXBkYXRlLXNlY3JldC0xMjM0NTY3ODkwYWJjZGVm";

    [ToolFact("nsupdate", "bind9-dnsutils")]
    public async Task Nsupdate_adds_and_deletes_records_with_hmac_sha256_and_a_wrong_key_is_refused()
    {
        string? nsupdate = ToolFactAttribute.Find("nsupdate"), dig = ToolFactAttribute.Find("dig");
        if (nsupdate is null || dig is null)
        {
            output.WriteLine("skipped: nsupdate or dig is not on PATH (apt-get install bind9-dnsutils)");
            return;
        }
        var service = new UpdateService(new TsigKeyring(TsigKey.Parse($"hmac-sha256:ddns-key:{Secret}"), TsigKey.Parse($"hmac-sha1:sha1-key:{Secret}")));
        TimeSpan clockSkew = TimeSpan.Zero;
        DnsZone zone = SampleZone();
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        Task loop = Task.Run(async () =>
        {
            byte[] response = new byte[1232];
            var answerer = new AuthoritativeAnswerer(zone);
            while (!stop.IsCancellationRequested)
            {
                UdpReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                int length;
                if (UpdateService.IsUpdate(received.Buffer))
                {
                    UpdateServiceResult result = service.Handle(received.Buffer, [zone], DateTimeOffset.UtcNow + clockSkew, response);
                    if (result.Changed)
                    {
                        zone = result.NewZone!;
                        answerer = new AuthoritativeAnswerer(zone);
                    }
                    length = result.ResponseLength;
                }
                else if (!answerer.TryAnswer(received.Buffer, response, response.Length, out length))
                {
                    continue;
                }
                if (length > 0)
                    await socket.SendAsync(response.AsMemory(0, length), received.RemoteEndPoint);
            }
        });
        try
        {
            string key = $"hmac-sha256:ddns-key:{Secret}";
            (int code, string text) = await Nsupdate(nsupdate, key, port, "update add new.example.org. 300 A 192.0.2.77");
            Assert.True(code == 0, $"nsupdate failed ({code}): {text}");
            string added = await Dig(dig, port, "new.example.org", "A");
            Assert.Contains("status: NOERROR", added);
            Assert.Matches(@"new\.example\.org\.\s+300\s+IN\s+A\s+192\.0\.2\.77", added);
            Assert.Equal(101u, Serial(zone));

            (code, text) = await Nsupdate(nsupdate, key, port, "update delete new.example.org. A");
            Assert.True(code == 0, $"nsupdate delete failed ({code}): {text}");
            Assert.Contains("status: NXDOMAIN", await Dig(dig, port, "new.example.org", "A"));
            Assert.Equal(102u, Serial(zone));
            Assert.Matches(@"example\.org\.\s+\d+\s+IN\s+SOA\s+ns1\.example\.org\.\s+hostmaster\.example\.org\.\s+102\s", await Dig(dig, port, "example.org", "SOA"));

            string wrongKey = "hmac-sha256:ddns-key:" + Convert.ToBase64String("a different secret entirely"u8);
            (code, text) = await Nsupdate(nsupdate, wrongKey, port, "update add evil.example.org. 300 A 192.0.2.66");
            output.WriteLine($"wrong key: exit {code}: {text}");
            Assert.NotEqual(0, code);
            Assert.Matches("BADSIG|BADKEY|tsig verify failure|NOTAUTH", text);
            (code, text) = await Nsupdate(nsupdate, "hmac-sha256:unknown-key:" + Secret, port, "update add evil.example.org. 300 A 192.0.2.66");
            output.WriteLine($"unknown key: exit {code}: {text}");
            Assert.NotEqual(0, code);
            Assert.Contains("status: NXDOMAIN", await Dig(dig, port, "evil.example.org", "A"));
            Assert.Equal(102u, Serial(zone));

            // A server clock an hour ahead: nsupdate verifies our signed BADTIME answer and reports it.
            clockSkew = TimeSpan.FromHours(1);
            (code, text) = await Nsupdate(nsupdate, key, port, "update add late.example.org. 300 A 192.0.2.88");
            output.WriteLine($"skewed clock: exit {code}: {text}");
            clockSkew = TimeSpan.Zero;
            Assert.NotEqual(0, code);
            Assert.Contains("BADTIME", text);
            Assert.DoesNotContain("verify failure", text);
            Assert.Equal(102u, Serial(zone));

            (code, text) = await Nsupdate(nsupdate, $"hmac-sha1:sha1-key:{Secret}", port, "update add sha1.example.org. 300 TXT \"signed with hmac-sha1\"");
            Assert.True(code == 0, $"nsupdate with hmac-sha1 failed ({code}): {text}");
            Assert.Matches("sha1\\.example\\.org\\.\\s+300\\s+IN\\s+TXT\\s+\"signed with hmac-sha1\"", await Dig(dig, port, "sha1.example.org", "TXT"));
            Assert.Equal(103u, Serial(zone));
        }
        finally
        {
            stop.Cancel();
            await loop;
        }
    }

    private static async Task<(int Code, string Output)> Nsupdate(string nsupdate, string key, int port, string command)
    {
        var start = new ProcessStartInfo(nsupdate, ["-y", key, "-t", "3", "-r", "0"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        await process.StandardInput.WriteAsync($"server 127.0.0.1 {port.ToString(CultureInfo.InvariantCulture)}\nzone example.org.\n{command}\nsend\n");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<string> Dig(string dig, int port, string name, string type)
    {
        var start = new ProcessStartInfo(dig, ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "+norec", "+notcp", "+time=2", "+tries=1", name, type])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
