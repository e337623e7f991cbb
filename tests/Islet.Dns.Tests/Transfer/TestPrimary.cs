using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Server;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Transfer;

/// <summary>A test-only primary on 127.0.0.1 (one port, UDP and TCP): answers queries with
/// <see cref="AuthoritativeAnswerer"/>, transfers with the responder, and sends NOTIFY with a
/// <see cref="NotifySender"/> driven from its UDP loop. <see cref="Update"/> swaps in a new version.</summary>
internal sealed class TestPrimary : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _tcpLoop, _udpLoop;
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private DnsZone _zone;

    internal TestPrimary(DnsZone zone, ZoneJournal journal, NotifySender notifier)
    {
        _zone = zone;
        Journal = journal;
        Notifier = notifier;
        // One port number for both transports, as a secondary expects of its primary.
        while (true)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            try
            {
                _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, Port));
                break;
            }
            catch (SocketException)
            {
                _listener.Stop();
            }
        }
        _tcpLoop = Task.Run(AcceptLoop);
        _udpLoop = Task.Run(UdpLoop);
    }

    internal int Port { get; }
    internal ZoneJournal Journal { get; }
    internal NotifySender Notifier { get; }
    internal List<ZoneTransferKind> Transfers { get; } = [];
    internal long Now => _clock.ElapsedTicks * 1_000_000_000 / Stopwatch.Frequency;

    /// <summary>Sets the secondaries that get NOTIFY.</summary>
    internal void SetTargets(IEnumerable<IPEndPoint> targets)
    {
        lock (_gate)
            Notifier.SetTargets(TransferZones.Origin, targets);
    }

    /// <summary>Publishes <paramref name="next"/>, journals the change and notifies the targets.</summary>
    internal void Update(DnsZone next)
    {
        lock (_gate)
        {
            Journal.Append(_zone, next);
            _zone = next;
            Notifier.ZoneChanged(next, Now);
        }
    }

    private async Task UdpLoop()
    {
        byte[] buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            var due = new List<(byte[], IPEndPoint)>();
            lock (_gate)
            {
                while (Notifier.TryPoll(Now, buffer, out int length, out IPEndPoint? target))
                    due.Add((buffer[..length], target!));
            }
            foreach ((byte[] datagram, IPEndPoint target) in due)
                await _udp.SendAsync(datagram, target);
            UdpReceiveResult received;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            wait.CancelAfter(50);
            try
            {
                received = await _udp.ReceiveAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                continue;
            }
            int written = 0;
            lock (_gate)
            {
                if (received.Buffer.Length >= 12 && (received.Buffer[2] & 0x80) != 0)
                    Notifier.Receive(received.Buffer, received.RemoteEndPoint);
                else if (!new AuthoritativeAnswerer(_zone).TryAnswer(received.Buffer, buffer, buffer.Length, out written))
                    written = 0;
            }
            if (written > 0)
                await _udp.SendAsync(buffer.AsMemory(0, written), received.RemoteEndPoint);
        }
    }

    private async Task AcceptLoop()
    {
        var connections = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                connections.Add(Serve(await _listener.AcceptTcpClientAsync(_stop.Token)));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(connections);
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            IPAddress address = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
            byte[] prefix = new byte[2];
            byte[] buffer = new byte[2 + 65535];
            try
            {
                while (true)
                {
                    await stream.ReadExactlyAsync(prefix, _stop.Token);
                    byte[] bytes = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                    await stream.ReadExactlyAsync(bytes, _stop.Token);
                    DnsMessage query = DnsMessage.Parse(bytes);
                    DnsZone zone;
                    lock (_gate)
                        zone = _zone;
                    if (!ZoneTransferResponder.IsTransferQuery(query))
                    {
                        int length = DnsMessageWriter.Write(new AuthoritativeAnswerer(zone).Answer(query), buffer.AsSpan(2), 65535);
                        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)length);
                        await stream.WriteAsync(buffer.AsMemory(0, 2 + length), _stop.Token);
                        continue;
                    }
                    ZoneTransferResponse response;
                    lock (_gate)
                        response = TransferZones.Responder.Respond(query, zone, Journal, TransferTransport.Tcp, address);
                    lock (Transfers)
                        Transfers.Add(response.Kind);
                    while (response.TryWriteNext(buffer.AsSpan(2), out int written))
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)written);
                        await stream.WriteAsync(buffer.AsMemory(0, 2 + written), _stop.Token);
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
        await _tcpLoop;
        await _udpLoop;
        _udp.Dispose();
        _stop.Dispose();
    }
}
