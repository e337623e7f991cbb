using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Islet.Dns.Wire;
using Xunit.Abstractions;

namespace Islet.Dns.Tests.Wire;

/// <summary>Interop with a real peer: dig (bind9-dnsutils) queries a one-shot UDP server on 127.0.0.1
/// that answers with records of every type written by <see cref="DnsMessageWriter"/>. When dig is not
/// installed the test prints why and passes without running.</summary>
public sealed class DigInteropTests(ITestOutputHelper output)
{
    [ToolFact("dig", "bind9-dnsutils")]
    public async Task Dig_prints_every_type_we_write_and_we_parse_its_query()
    {
        string? dig = ToolFactAttribute.Find("dig");
        if (dig is null)
        {
            output.WriteLine("SKIPPED: dig (bind9-dnsutils) is not on PATH, so the dig interop test did not run.");
            return;
        }
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        List<DnsRecord> records = Samples.EveryType();
        Task<byte[]> serve = Task.Run(async () =>
        {
            UdpReceiveResult request = await server.ReceiveAsync(timeout.Token);
            DnsMessage query = DnsMessage.Parse(request.Buffer);
            var response = new DnsMessage
            {
                Header = new DnsHeader { Id = query.Header.Id, IsResponse = true, IsAuthoritative = true },
                Questions = query.Questions,
                Answers = records,
                // The answer holds every type (about 1.5 KB): it fits the 4096 bytes dig offers below;
                // with dig's default 1232 it would be truncated and dig would retry over TCP. (dig 9.18
                // sends ANY over TCP unless told +notcp.)
                Edns = query.Edns is null ? null : new DnsEdns { UdpPayloadSize = query.Edns.UdpPayloadSize },
            };
            byte[] buffer = new byte[4096];
            int length = DnsMessageWriter.Write(response, buffer);
            await server.SendAsync(buffer.AsMemory(0, length), request.RemoteEndPoint, timeout.Token);
            return request.Buffer;
        });

        var start = new ProcessStartInfo(dig) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "@127.0.0.1", "-p", port.ToString(), "+norec", "+notcp", "+bufsize=4096", "+tries=1", "+time=5", "ANY", "www.example.com" })
            start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        string stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine(stdout);
        byte[] query = await serve;

        Assert.Contains("status: NOERROR", stdout);
        Assert.Contains(";; ->>HEADER<<-", stdout);
        Assert.DoesNotContain("malformed", stdout, StringComparison.OrdinalIgnoreCase);
        string[] lines = stdout.Split('\n').Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).ToArray();
        DnsType[] exact = [DnsType.A, DnsType.AAAA, DnsType.NS, DnsType.CNAME, DnsType.PTR, DnsType.SOA, DnsType.MX, DnsType.TXT, DnsType.SRV, DnsType.CAA, DnsType.NSEC];
        foreach (DnsRecord record in records)
        {
            string expected = record.ToString();
            if (exact.Contains(record.Type) || record.Data is UnknownRecordData)
                Assert.Contains(expected, lines);
            else
                Assert.Contains(lines, l => l.StartsWith($"{record.Name} {record.Ttl} IN {record.Type} ", StringComparison.Ordinal));
        }

        DnsMessage parsed = DnsMessage.Parse(query);
        Assert.False(parsed.Header.RecursionDesired);
        Assert.Equal(DnsType.ANY, Assert.Single(parsed.Questions).Type);
        Assert.NotNull(parsed.Edns);
        EdnsOption cookie = Assert.Single(parsed.Edns!.Options, o => o.Code == EdnsOption.Cookie);
        Assert.Equal(8, cookie.Data.Length);
    }
}
