using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Islet.Dns.Resolver;
using Islet.Dns.Wire;
using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Xunit.Abstractions;

namespace Islet.Dns.Tests.Resolver;

/// <summary>Interop with a real Knot DNS server (knotd) on 127.0.0.1 and a free high port, started
/// with its own configuration in a temporary directory and stopped at the end. Skipped, with the
/// reason printed, when knotd is not installed (apt-get install knot).</summary>
public sealed class StubResolverKnotTests(ITestOutputHelper output)
{
    [ToolFact("knotd", "knot")]
    public void Resolves_from_knotd_over_udp_and_tcp()
    {
        string? knotd = new[] { "/usr/sbin/knotd", "/usr/bin/knotd" }.FirstOrDefault(File.Exists);
        if (knotd is null)
        {
            output.WriteLine("Skipped: knotd is not installed (apt-get install -y knot).");
            return;
        }
        string dir = Directory.CreateTempSubdirectory("islet-knot-").FullName;
        int port = FreePort();
        File.WriteAllText(Path.Combine(dir, "example.com.zone"), Zone());
        File.WriteAllText(Path.Combine(dir, "knot.conf"), $"""
            server:
                listen: 127.0.0.1@{port}
                rundir: {dir}
            database:
                storage: {dir}
            control:
                listen: {dir}/knot.sock
            log:
              - target: stderr
                any: info
            zone:
              - domain: example.com
                file: {dir}/example.com.zone

            """);
        using var server = Process.Start(new ProcessStartInfo(knotd, ["-c", Path.Combine(dir, "knot.conf")]) { RedirectStandardError = true })!;
        try
        {
            var log = new StringBuilder();
            for (string? line; (line = server.StandardError.ReadLine()) is not null;)
            {
                log.AppendLine(line);
                if (line.Contains("[example.com.] loaded", StringComparison.Ordinal))
                    break;
                Assert.False(line.Contains("error", StringComparison.OrdinalIgnoreCase), log.ToString());
            }
            _ = server.StandardError.ReadToEndAsync(); // keep draining so knotd never blocks on a full pipe

            using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
            var resolver = new StubResolver(new UnixStack(loop), new ResolverOptions { Servers = [new IPEndPoint(IPAddress.Loopback, port)] }, new UnixEntropy());
            var (addresses, alias, services, text, big, missing) = loop.Run(async () => (
                await resolver.ResolveAddressesAsync("www.example.com"),
                await resolver.QueryAsync(DnsName.Parse("alias.example.com."), DnsType.AAAA),
                await resolver.ResolveServiceAsync("_imap._tcp.example.com"),
                await resolver.ResolveTextAsync("txt.example.com"),
                await resolver.ResolveTextAsync("big.example.com"),
                await Assert.ThrowsAsync<DnsResolveException>(() => resolver.ResolveAddressesAsync("nope.example.com"))));
            Assert.Equal([IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10")], addresses);
            Assert.Equal(["alias.example.com. 3600 IN CNAME www.example.com.", "www.example.com. 3600 IN AAAA 2001:db8::10"], alias.Answers.Select(a => a.ToString()));
            Assert.Equal([(ushort)10, (ushort)20], services.Select(s => s.Priority));
            Assert.Equal(["helloworld"], text);
            Assert.Equal(30, big.Count); // about 2 KB: truncated over UDP, fetched over TCP
            Assert.Equal(DnsResolveError.NameNotFound, missing.Error);
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Zone()
    {
        var zone = new StringBuilder("""
            $ORIGIN example.com.
            $TTL 3600
            @ SOA ns1 hostmaster 1 7200 900 1209600 300
            @ NS ns1
            ns1 A 192.0.2.1
            www A 192.0.2.10
            www AAAA 2001:db8::10
            alias CNAME www
            _imap._tcp SRV 20 0 143 www
            _imap._tcp SRV 10 5 993 www
            txt TXT "hello" "world"

            """);
        for (int i = 0; i < 30; i++)
            zone.Append($"big TXT \"{i:D2}{new string('x', 58)}\"\n");
        return zone.ToString();
    }

    /// <summary>A port that is free for both UDP and TCP on 127.0.0.1 at the time of asking.</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for TCP: try another
            }
        }
    }
}
