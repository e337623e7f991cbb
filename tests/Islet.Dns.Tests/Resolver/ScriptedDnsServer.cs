using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Server.ServerZone;

namespace Islet.Dns.Tests.Resolver;

/// <summary>
/// A test DNS server on 127.0.0.1 made of kernel sockets and two plain threads: UDP datagrams are
/// answered by a script (which may stay silent, spoof, truncate or fail), and TCP on the same port
/// answers every length-prefixed query from the shared example.com zone. It counts what it receives.
/// </summary>
internal sealed class ScriptedDnsServer : IDisposable
{
    /// <summary>The datagrams to send back for the <paramref name="index"/>-th UDP query (0-based).</summary>
    internal delegate IEnumerable<byte[]> Script(byte[] query, int index);

    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly Script _script;
    private readonly Thread _udpThread;
    private readonly Thread _tcpThread;
    private int _udpQueries;
    private int _tcpQueries;
    private volatile bool _stopped;

    internal ScriptedDnsServer(Script script)
    {
        _script = script;
        for (int attempt = 0; ; attempt++)
        {
            _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _udp.ReceiveTimeout = 50; // so the thread sees _stopped
            EndPoint = (IPEndPoint)_udp.LocalEndPoint!;
            _tcp = new TcpListener(EndPoint);
            try
            {
                _tcp.Start();
                break;
            }
            catch (SocketException) when (attempt < 20)
            {
                _udp.Dispose(); // the TCP port was taken: try another pair
            }
        }
        _udpThread = new Thread(ServeUdp) { IsBackground = true, Name = "test dns udp" };
        _tcpThread = new Thread(ServeTcp) { IsBackground = true, Name = "test dns tcp" };
        _udpThread.Start();
        _tcpThread.Start();
    }

    internal IPEndPoint EndPoint { get; }

    internal int UdpQueries => Volatile.Read(ref _udpQueries);

    internal int TcpQueries => Volatile.Read(ref _tcpQueries);

    /// <summary>The zone's answer, as the authoritative answerer writes it for UDP.</summary>
    internal static byte[] Answer(byte[] query)
    {
        byte[] response = new byte[1232];
        return s_answerer.Value.TryAnswer(query, response, response.Length, out int length) ? response[..length] : [];
    }

    /// <summary>Answers with the zone.</summary>
    internal static IEnumerable<byte[]> Authoritative(byte[] query, int index) => [Answer(query)];

    /// <summary>Never answers.</summary>
    internal static IEnumerable<byte[]> Silent(byte[] query, int index) => [];

    /// <summary>A bare response: the query's id and question with QR, the given rcode and TC flag.</summary>
    internal static byte[] Bare(byte[] query, byte rcode, bool truncated = false)
    {
        DnsMessage q = DnsMessage.Parse(query);
        var response = new DnsMessage
        {
            Header = new DnsHeader { Id = q.Header.Id, IsResponse = true, RecursionDesired = true, RecursionAvailable = true, Rcode = rcode, IsTruncated = truncated },
            Questions = q.Questions,
        };
        byte[] buffer = new byte[512];
        return buffer[..DnsMessageWriter.Write(response, buffer)];
    }

    /// <summary>A forged answer: the same question answered with 203.0.113.66, with the id changed by <paramref name="idDelta"/>.</summary>
    internal static byte[] Forged(byte[] query, int idDelta, string? otherName = null, bool clearQr = false)
    {
        DnsMessage q = DnsMessage.Parse(query);
        DnsQuestion question = otherName is null ? q.Questions[0] : q.Questions[0] with { Name = DnsName.Parse(otherName) };
        var response = new DnsMessage
        {
            Header = new DnsHeader { Id = (ushort)(q.Header.Id + idDelta), IsResponse = !clearQr, Rcode = 0 },
            Questions = [question],
            Answers = [new DnsRecord(q.Questions[0].Name, DnsClass.Internet, 3600, new ARecordData(IPAddress.Parse("203.0.113.66")))],
        };
        byte[] buffer = new byte[512];
        return buffer[..DnsMessageWriter.Write(response, buffer)];
    }

    private void ServeUdp()
    {
        byte[] buffer = new byte[65536];
        EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopped)
        {
            int n;
            try
            {
                n = _udp.ReceiveFrom(buffer, ref remote);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            int index = Interlocked.Increment(ref _udpQueries) - 1;
            foreach (byte[] reply in _script(buffer[..n], index))
            {
                try
                {
                    _udp.SendTo(reply, remote);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }
    }

    private void ServeTcp()
    {
        while (!_stopped)
        {
            TcpClient client;
            try
            {
                if (!_tcp.Pending())
                {
                    Thread.Sleep(5);
                    continue;
                }
                client = _tcp.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using (client)
            {
                try
                {
                    client.ReceiveTimeout = 10_000;
                    NetworkStream stream = client.GetStream();
                    byte[] prefix = new byte[2];
                    while (ReadExactly(stream, prefix))
                    {
                        byte[] query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                        if (!ReadExactly(stream, query))
                            break;
                        Interlocked.Increment(ref _tcpQueries);
                        byte[] response = new byte[65535];
                        if (!s_answerer.Value.TryAnswer(query, response, response.Length, out int length))
                            break;
                        byte[] framed = new byte[2 + length];
                        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)length);
                        response.AsSpan(0, length).CopyTo(framed.AsSpan(2));
                        stream.Write(framed);
                    }
                }
                catch (IOException)
                {
                    // the client went away
                }
            }
        }
    }

    private static bool ReadExactly(NetworkStream stream, byte[] buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _udpThread.Join();
        _tcpThread.Join();
        _udp.Dispose();
        _tcp.Stop();
    }
}
