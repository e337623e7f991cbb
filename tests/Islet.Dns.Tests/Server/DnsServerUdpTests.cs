using System.Net.Sockets;
using Islet.Dns.Server.Internal;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

/// <summary>The server's UDP side over real kernel sockets on 127.0.0.1, with dig as a client.</summary>
public sealed class DnsServerUdpTests
{
    [Fact]
    public void A_big_answer_is_truncated_over_udp_and_whole_over_tcp()
    {
        using var harness = new ServerHarness();
        DnsMessage udp = DnsWireClient.ExchangeUdp(harness.EndPoint, Query("big.example.com", DnsType.TXT));
        Assert.True(udp.Header.IsTruncated);
        Assert.True(udp.Answers.Count < 12);
        Assert.Equal(1, harness.OnLoop(() => harness.Server.Counters.Truncated));
    }

    [Fact]
    public void Responses_and_runt_datagrams_get_no_reply_and_garbage_gets_formerr()
    {
        using var harness = new ServerHarness();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
        byte[] response = DnsWireClient.Encode(Query("www.example.com", DnsType.A) is var q ? new DnsMessage { Header = q.Header with { IsResponse = true }, Questions = q.Questions } : null!);
        socket.SendTo(response, harness.EndPoint);
        socket.SendTo(new byte[5], harness.EndPoint);
        byte[] garbage = [0xAB, 0xCD, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0, 1, 0, 1];
        socket.SendTo(garbage, harness.EndPoint);
        byte[] buffer = new byte[2048];
        int length = socket.Receive(buffer);
        DnsMessage reply = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.Equal(0xABCD, reply.Header.Id);
        Assert.Equal(DnsRcode.FormErr, reply.Header.Rcode);
        Assert.Equal(2, harness.OnLoop(() => harness.Server.Counters.Dropped));
    }

    [ToolFact("dig", "bind9-dnsutils")]
    public void Dig_gets_answers_over_udp_and_tcp_and_falls_back_to_tcp_after_truncation()
    {
        using var harness = new ServerHarness();
        string port = harness.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] common = ["@127.0.0.1", "-p", port, "+norec", "+time=5", "+tries=1"];
        var (code, udp) = ExternalTool.Run("dig", [.. common, "www.example.com", "A"]);
        Assert.Equal(0, code);
        Assert.Matches(@"www\.example\.com\.\s+3600\s+IN\s+A\s+192\.0\.2\.10", udp);
        var (tcpCode, tcp) = ExternalTool.Run("dig", [.. common, "+tcp", "_sip._tcp.example.com", "SRV"]);
        Assert.Equal(0, tcpCode);
        Assert.Matches(@"_sip\._tcp\.example\.com\.\s+3600\s+IN\s+SRV\s+10 60 5060 www\.example\.com\.", tcp);
        Assert.Contains("(TCP)", tcp);
        var (bigCode, big) = ExternalTool.Run("dig", [.. common, "+noedns", "big.example.com", "TXT"]);
        Assert.Equal(0, bigCode);
        Assert.Contains("Truncated, retrying in TCP mode", big);
        Assert.Equal(12, big.Split('\n').Count(l => l.StartsWith("big.example.com.", StringComparison.Ordinal)));
        Assert.True(harness.OnLoop(() => harness.Server.Counters.TcpQueries) >= 2);
    }
}
