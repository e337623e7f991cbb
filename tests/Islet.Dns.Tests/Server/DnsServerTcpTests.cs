using System.Net.Sockets;
using Islet.Dns.Server;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Server;

/// <summary>The server's TCP side (RFC 7766) over real kernel sockets on 127.0.0.1.</summary>
public sealed class DnsServerTcpTests
{
    [Fact]
    public void Pipelined_queries_sent_in_one_write_are_all_answered_in_order()
    {
        using var harness = new ServerHarness();
        using Socket socket = DnsWireClient.ConnectTcp(harness.EndPoint);
        string[] names = ["www.example.com", "mail.example.com", "nope.example.com", "ns1.example.com", "big.example.com"];
        byte[] batch = [.. names.SelectMany((n, i) => DnsWireClient.Frame(Query(n, DnsType.A, id: (ushort)(100 + i))))];
        socket.Send(batch);
        for (int i = 0; i < names.Length; i++)
        {
            DnsMessage response = DnsWireClient.ReadFrame(socket) ?? throw new Xunit.Sdk.XunitException($"closed before response {i}");
            Assert.Equal(100 + i, response.Header.Id);
            Assert.Equal(DnsName.Parse(names[i]), response.Questions[0].Name);
        }
        Assert.Equal(names.Length, harness.OnLoop(() => harness.Server.Counters.TcpQueries));
    }

    [Fact]
    public void A_query_arriving_one_byte_at_a_time_is_answered_and_a_big_answer_is_not_truncated()
    {
        using var harness = new ServerHarness();
        using Socket socket = DnsWireClient.ConnectTcp(harness.EndPoint);
        foreach (byte b in DnsWireClient.Frame(Query("big.example.com", DnsType.TXT)))
        {
            socket.Send([b]);
            Thread.Sleep(1);
        }
        DnsMessage response = DnsWireClient.ReadFrame(socket)!;
        Assert.False(response.Header.IsTruncated);
        Assert.Equal(12, response.Answers.Count);
    }

    [Fact]
    public void An_idle_connection_is_closed_by_the_server()
    {
        using var harness = new ServerHarness(new DnsServerOptions { TcpIdleTimeout = TimeSpan.FromMilliseconds(200) });
        using Socket socket = DnsWireClient.ConnectTcp(harness.EndPoint);
        socket.Send(DnsWireClient.Frame(Query("www.example.com", DnsType.A)));
        Assert.NotNull(DnsWireClient.ReadFrame(socket));
        Assert.True(DnsWireClient.IsClosedByServer(socket));
        Assert.Equal(1, harness.OnLoop(() => harness.Server.Counters.TcpIdleClosed));
    }

    [Fact]
    public void A_zero_length_prefix_or_a_stream_ending_inside_a_message_closes_the_connection()
    {
        using var harness = new ServerHarness();
        using (Socket socket = DnsWireClient.ConnectTcp(harness.EndPoint))
        {
            socket.Send([.. DnsWireClient.Frame(Query("www.example.com", DnsType.A)), 0, 0, 1, 2, 3]);
            Assert.NotNull(DnsWireClient.ReadFrame(socket));
            Assert.True(DnsWireClient.IsClosedByServer(socket));
        }
        using (Socket socket = DnsWireClient.ConnectTcp(harness.EndPoint))
        {
            socket.Send([0, 40, 1, 2, 3]);
            socket.Shutdown(SocketShutdown.Send);
            Assert.True(DnsWireClient.IsClosedByServer(socket));
        }
        Assert.Equal(2, harness.OnLoop(() => harness.Server.Counters.TcpFramingErrors));
    }

    [Fact]
    public void Beyond_the_connection_limit_the_longest_idle_connection_is_closed()
    {
        using var harness = new ServerHarness(new DnsServerOptions { MaxTcpConnections = 2 });
        using Socket first = DnsWireClient.ConnectTcp(harness.EndPoint);
        first.Send(DnsWireClient.Frame(Query("www.example.com", DnsType.A)));
        Assert.NotNull(DnsWireClient.ReadFrame(first));
        using Socket second = DnsWireClient.ConnectTcp(harness.EndPoint);
        second.Send(DnsWireClient.Frame(Query("www.example.com", DnsType.A)));
        Assert.NotNull(DnsWireClient.ReadFrame(second));
        using Socket third = DnsWireClient.ConnectTcp(harness.EndPoint);
        third.Send(DnsWireClient.Frame(Query("mail.example.com", DnsType.A)));
        Assert.NotNull(DnsWireClient.ReadFrame(third));
        Assert.True(DnsWireClient.IsClosedByServer(first));
        second.Send(DnsWireClient.Frame(Query("ns1.example.com", DnsType.A)));
        Assert.NotNull(DnsWireClient.ReadFrame(second));
        Assert.Equal(1, harness.OnLoop(() => harness.Server.Counters.TcpEvicted));
    }
}
