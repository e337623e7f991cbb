using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Server;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

/// <summary>Interop with BIND's dig over a UDP loop on 127.0.0.1; skipped with the reason when dig is absent.</summary>
public sealed class AuthoritativeAnswererDigTests
{
    [ToolFact("dig", "bind9-dnsutils")]
    public async Task Dig_reads_an_answer_and_an_nxdomain()
    {
        string? dig = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "dig")).FirstOrDefault(File.Exists);
        if (dig is null)
            return;
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        AuthoritativeAnswerer answerer = s_answerer.Value;
        Task loop = Task.Run(async () =>
        {
            byte[] response = new byte[1232];
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
                if (answerer.TryAnswer(received.Buffer, response, response.Length, out int length))
                    await socket.SendAsync(response.AsMemory(0, length), received.RemoteEndPoint);
            }
        });
        try
        {
            string www = await Dig(dig, port, "www.example.com", "A");
            Assert.Contains("status: NOERROR", www);
            Assert.Contains(" aa", www);
            Assert.Matches(@"www\.example\.com\.\s+3600\s+IN\s+A\s+192\.0\.2\.10", www);
            string missing = await Dig(dig, port, "nope.example.com", "A");
            Assert.Contains("status: NXDOMAIN", missing);
            Assert.Matches(@"example\.com\.\s+300\s+IN\s+SOA\s+ns1\.example\.com\.", missing);
        }
        finally
        {
            stop.Cancel();
            await loop;
        }
    }

    private static async Task<string> Dig(string dig, int port, string name, string type)
    {
        var start = new ProcessStartInfo(dig, ["@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+norec", "+notcp", "+time=2", "+tries=1", name, type])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
