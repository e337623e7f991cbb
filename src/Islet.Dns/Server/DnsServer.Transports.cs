using System.Buffers;
using System.Net;
using Islet.Dns.Server.Internal;
using Islet.Events;
using Islet.Net;

namespace Islet.Dns.Server;

public sealed partial class DnsServer
{
    /// <summary>The largest datagram the server reads; a longer one is not a DNS query it serves.</summary>
    private const int MaxDatagram = 4096;

    /// <summary>UDP queries answered in a row, with no wait for a datagram between them, before
    /// the server lets the event loop run other work.</summary>
    private const int UdpRunBeforeYield = 64;

    private async Task ServeUdpAsync(IUdpSocket socket, CancellationToken cancellationToken)
    {
        var channel = new UdpReplyChannel(socket, this);
        byte[] query = new byte[MaxDatagram];
        int sinceYield = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // While datagrams keep arriving, receive and send complete without waiting, so this
            // loop would never give the event loop back: TCP connections, timers and NOTIFY would
            // starve under a UDP flood. After a run of answers with no wait between them, yield;
            // the loop's turn also sends the replies queued so far. (Islet's own stack queues
            // fewer datagrams per socket than the run, so there the receive waits first and a
            // yield never lands in the middle of a queue the link is refilling.)
            if (sinceYield >= UdpRunBeforeYield)
            {
                sinceYield = 0;
                await Task.Yield();
            }
            UdpReceived received;
            try
            {
                ValueTask<UdpReceived> receiving = socket.ReceiveAsync(query, cancellationToken);
                sinceYield = receiving.IsCompleted ? sinceYield + 1 : 0;
                received = await receiving.ConfigureAwait(true);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            Counters.UdpQueries++;
            if (received.Truncated)
            {
                Counters.Dropped++;
                continue;
            }
            channel.Remote = received.RemoteEndPoint;
            var message = new ReadOnlySequence<byte>(query, 0, received.Length);
            try
            {
                switch (Route(message, channel))
                {
                    case MessageRoute.Update:
                        // Updates wait for each other and for storage; queries must not wait behind them.
                        _background.RemoveAll(static t => t.IsCompleted);
                        _background.Add(HandleUpdateAsync(message.ToArray(), new UdpReplyChannel(socket, this) { Remote = received.RemoteEndPoint }).AsTask());
                        break;
                    case MessageRoute.Transfer:
                        await HandleTransferAsync(message.ToArray(), channel).ConfigureAwait(true);
                        break;
                    case MessageRoute.Query:
                        await AnswerAsync(message, channel).ConfigureAwait(true);
                        break;
                }
            }
            catch (NetException)
            {
                // The reply could not be sent (for example no route back): UDP loses it, as it may.
            }
        }
    }

    /// <summary>Sends the NOTIFYs that are due from the server's UDP socket (so they come from
    /// port 53, where secondaries expect their primary), sleeping until the next retransmission
    /// or zone change.</summary>
    private async Task SendNotifiesAsync(EventLoop loop, IUdpSocket socket, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[512];
        using var timer = new LoopTimer(loop, static s => ((AsyncSignal)s!).Set(), _notifyWake);
        using var registration = cancellationToken.UnsafeRegister(static s => ((AsyncSignal)s!).Set(), _notifyWake);
        while (!cancellationToken.IsCancellationRequested)
        {
            while (_notify.TryPoll(loop.NowNanoseconds, buffer, out int length, out IPEndPoint? target))
            {
                Counters.NotifiesSent++;
                try
                {
                    await socket.SendAsync(buffer.AsMemory(0, length), target!, cancellationToken).ConfigureAwait(true);
                }
                catch (NetException)
                {
                    // Lost like any datagram: the sender retransmits.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            if (_notify.NextDeadline is long deadline)
                timer.ArmAt(deadline);
            else
                timer.Disarm();
            await _notifyWake.WaitAsync().ConfigureAwait(true);
        }
    }

    private async Task AcceptAsync(EventLoop loop, ITcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ITcpFlow? flow;
            try
            {
                flow = await listener.AcceptAsync(cancellationToken).ConfigureAwait(true);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (flow is null)
                return;
            Counters.TcpConnections++;
            _connections.RemoveAll(static c => c.Ended);
            _connectionTasks.RemoveAll(static t => t.IsCompleted);
            if (_connections.Count >= _options.MaxTcpConnections)
                EvictIdlest();
            var connection = new DnsTcpConnection(flow, this, loop, _options.TcpIdleTimeout);
            _connections.Add(connection);
            _connectionTasks.Add(connection.RunAsync());
        }
    }

    private void EvictIdlest()
    {
        DnsTcpConnection? idlest = null;
        foreach (DnsTcpConnection connection in _connections)
        {
            if (!connection.Busy && !connection.Ended && (idlest is null || connection.LastActivity < idlest.LastActivity))
                idlest = connection;
        }
        if (idlest is null)
            return;
        Counters.TcpEvicted++;
        idlest.Stop();
    }

    /// <summary>Replies to UDP queries: one datagram to the sender from the server's socket.</summary>
    private sealed class UdpReplyChannel(IUdpSocket socket, DnsServer server) : IDnsReplyChannel
    {
        private readonly byte[] _response = new byte[AuthoritativeAnswerer.EdnsPayloadSize];

        public DnsTransport Transport => DnsTransport.Udp;

        public IPEndPoint Remote { get; set; } = new(IPAddress.Any, 0);

        public Span<byte> GetBuffer() => _response;

        public async ValueTask SendAsync(int length)
        {
            server.Counters.Responses++;
            await socket.SendAsync(_response.AsMemory(0, length), Remote).ConfigureAwait(true);
        }
    }
}
