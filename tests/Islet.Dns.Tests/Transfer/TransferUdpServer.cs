using System.Net;
using System.Net.Sockets;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Transfer;

/// <summary>A test-only UDP server on 127.0.0.1 that answers each transfer query with the
/// responder's single datagram.</summary>
internal sealed class TransferUdpServer : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    internal TransferUdpServer(DnsZone zone, ZoneJournal? journal)
    {
        Port = ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
        _loop = Task.Run(async () =>
        {
            byte[] buffer = new byte[65535];
            while (!_stop.IsCancellationRequested)
            {
                UdpReceiveResult received;
                try
                {
                    received = await _socket.ReceiveAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                DnsMessage query = DnsMessage.Parse(received.Buffer);
                ZoneTransferResponse response = TransferZones.Responder.Respond(query, zone, journal, TransferTransport.Udp, received.RemoteEndPoint.Address);
                Assert.True(response.TryWriteNext(buffer, out int length));
                Assert.False(response.TryWriteNext(buffer, out _));
                await _socket.SendAsync(buffer.AsMemory(0, length), received.RemoteEndPoint);
            }
        });
    }

    internal int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _socket.Dispose();
        _stop.Dispose();
    }
}
