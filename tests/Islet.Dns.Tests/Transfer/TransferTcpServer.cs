using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Transfer;

/// <summary>A test-only TCP server on 127.0.0.1: reads 2-byte length-prefixed queries and writes the
/// responder's messages, each with its length prefix, until the client closes.</summary>
internal sealed class TransferTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly DnsZone _zone;
    private readonly ZoneJournal? _journal;

    internal TransferTcpServer(DnsZone zone, ZoneJournal? journal)
    {
        _zone = zone;
        _journal = journal;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoop);
    }

    internal int Port { get; }

    /// <summary>Messages sent, over all connections.</summary>
    internal int MessagesSent;

    private async Task AcceptLoop()
    {
        var connections = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            connections.Add(Serve(client));
        }
        await Task.WhenAll(connections);
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            var address = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
            byte[] prefix = new byte[2];
            byte[] buffer = new byte[2 + 65535];
            try
            {
                while (true)
                {
                    await stream.ReadExactlyAsync(prefix, _stop.Token);
                    byte[] query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                    await stream.ReadExactlyAsync(query, _stop.Token);
                    DnsMessage parsed = DnsMessage.Parse(query);
                    ZoneTransferResponse response = TransferZones.Responder.Respond(parsed, _zone, _journal, TransferTransport.Tcp, address);
                    while (response.TryWriteNext(buffer.AsSpan(2), out int length))
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)length);
                        await stream.WriteAsync(buffer.AsMemory(0, 2 + length), _stop.Token);
                        Interlocked.Increment(ref MessagesSent);
                    }
                }
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException)
            {
                // The client closed the connection, or the test ended.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
