using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Server;

/// <summary>A plain kernel-socket DNS client for server tests: one UDP exchange, or TCP frames.</summary>
internal static class DnsWireClient
{
    public static byte[] Encode(DnsMessage message)
    {
        byte[] buffer = new byte[65535];
        int length = DnsMessageWriter.Write(message, buffer);
        return buffer[..length];
    }

    public static DnsMessage ExchangeUdp(IPEndPoint server, DnsMessage query)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveTimeout = 10_000;
        socket.SendTo(Encode(query), server);
        byte[] response = new byte[65535];
        int length = socket.Receive(response);
        return DnsMessage.Parse(response.AsSpan(0, length));
    }

    public static Socket ConnectTcp(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000, NoDelay = true };
        socket.Connect(server);
        return socket;
    }

    public static byte[] Frame(DnsMessage message)
    {
        byte[] body = Encode(message);
        byte[] frame = new byte[2 + body.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)body.Length);
        body.CopyTo(frame, 2);
        return frame;
    }

    /// <summary>Reads one length-prefixed message, or null when the server closed the connection first.</summary>
    public static DnsMessage? ReadFrame(Socket socket)
    {
        byte[] prefix = new byte[2];
        if (!ReadExactly(socket, prefix))
            return null;
        byte[] body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return ReadExactly(socket, body) ? DnsMessage.Parse(body) : throw new IOException("The stream ended inside a message.");
    }

    /// <summary>True when the server closes the connection (a read returns 0) before sending anything more.</summary>
    public static bool IsClosedByServer(Socket socket)
    {
        try
        {
            return socket.Receive(new byte[1]) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    private static bool ReadExactly(Socket socket, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }
}
