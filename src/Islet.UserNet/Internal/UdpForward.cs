using System.Net;
using Islet.Events;
using Islet.Net;
using Islet.Net.Ip;

namespace Islet.UserNet.Internal;

/// <summary>
/// One <c>/udp</c> forward: a host UDP socket whose datagrams go to the guest's port, each from
/// the router port of its client's <see cref="UdpFlow"/>, and whose clients get back what the
/// guest sends to those ports. Two pumps on the loop: requests (host to guest) and replies
/// (guest to host). Buffers are this forward's, allocated once; a datagram costs no allocation
/// here (the host socket's own receive may allocate the sender's endpoint).
/// </summary>
internal sealed class UdpForward
{
    private readonly EventLoop _loop;
    private readonly UdpFlowTable _table;
    private readonly UserNetCounters _counters;
    private readonly Action _requestPoll;
    private readonly Ipv4Endpoint _guest;
    private readonly int _maxPayload;
    private readonly Dictionary<IPEndPoint, UdpFlow> _flows = [];
    private readonly Queue<UdpFlow> _ready = new();
    private readonly AsyncSignal _readySignal = new();
    private readonly byte[] _request, _reply;
    private bool _stopped;

    /// <param name="loop">The router's loop.</param>
    /// <param name="host">The bound host socket; disposed by the owner, after <see cref="Stop"/>.</param>
    /// <param name="guest">The guest's address and the forward's guest port.</param>
    /// <param name="table">Where flows are opened, kept in order and closed.</param>
    /// <param name="counters">The user network's counters.</param>
    /// <param name="maxPayload">The longest UDP payload the guest link carries in one piece.</param>
    /// <param name="requestPoll">Asks the router's stack to poll, so that queued datagrams leave.</param>
    public UdpForward(EventLoop loop, IUdpSocket host, Ipv4Endpoint guest, UdpFlowTable table, UserNetCounters counters, int maxPayload, Action requestPoll)
    {
        _loop = loop;
        Host = host;
        _guest = guest;
        _table = table;
        _counters = counters;
        _maxPayload = maxPayload;
        _requestPoll = requestPoll;
        _request = new byte[maxPayload + 1]; // one byte more: a longer datagram shows as such
        _reply = new byte[maxPayload];
    }

    /// <summary>The host socket clients send to.</summary>
    public IUdpSocket Host { get; }

    /// <summary>Flows of this forward open now.</summary>
    public int FlowCount => _flows.Count;

    /// <summary>Runs both pumps until <see cref="Stop"/> (with <paramref name="stopping"/> cancelled) or the host socket closes.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(ForwardRequestsAsync(stopping), ReturnRepliesAsync(stopping));

    /// <summary>Ends the reply pump; the request pump ends with the cancellation or the host socket.</summary>
    public void Stop()
    {
        _stopped = true;
        _readySignal.Set();
    }

    /// <summary>Queues <paramref name="flow"/> for the reply pump (its socket has datagrams from the guest).</summary>
    public void MarkReady(UdpFlow flow)
    {
        _ready.Enqueue(flow);
        _readySignal.Set();
    }

    /// <summary>Drops <paramref name="flow"/> from this forward's clients (the table closed it).</summary>
    public void Forget(UdpFlow flow) => _flows.Remove(flow.Client);

    private async Task ForwardRequestsAsync(CancellationToken stopping)
    {
        while (!_stopped)
        {
            UdpReceived received;
            try
            {
                received = await Host.ReceiveAsync(_request, stopping).ConfigureAwait(true);
            }
            catch (Exception e) when (e is OperationCanceledException or NetException or ObjectDisposedException)
            {
                return; // stopping, or the host socket was closed
            }
            if (received.Truncated || received.Length > _maxPayload)
            {
                _counters.UdpTooLong++;
                continue;
            }
            long now = _loop.NowNanoseconds;
            if (_flows.TryGetValue(received.RemoteEndPoint, out var flow))
            {
                _table.Touch(flow, now);
            }
            else
            {
                flow = _table.Open(this, received.RemoteEndPoint, now);
                if (flow is null)
                {
                    _counters.UdpDropped++;
                    continue;
                }
                _flows.Add(received.RemoteEndPoint, flow);
            }
            if (!flow.Socket.TrySend(_guest, _request.AsSpan(0, received.Length)))
            {
                _counters.UdpDropped++; // the flow's queue to the guest is full
                continue;
            }
            _counters.UdpForwarded++;
            _requestPoll();
        }
    }

    private async Task ReturnRepliesAsync(CancellationToken stopping)
    {
        while (true)
        {
            await _readySignal.WaitAsync().ConfigureAwait(true);
            if (_stopped) return;
            while (_ready.TryDequeue(out var flow))
            {
                flow.Queued = false;
                // A closed flow's socket is empty: TryReceive finds nothing. Sending may wait for
                // the host socket, and the table may close the flow meanwhile; what it received
                // before still goes to its client.
                while (flow.Socket.TryReceive(_reply, out int length, out var source))
                {
                    if (source != _guest)
                    {
                        _counters.UdpDropped++;
                        continue;
                    }
                    _table.Touch(flow, _loop.NowNanoseconds);
                    try
                    {
                        await Host.SendAsync(_reply.AsMemory(0, length), flow.Client, stopping).ConfigureAwait(true);
                        _counters.UdpReplied++;
                    }
                    catch (NetException)
                    {
                        _counters.UdpDropped++;
                    }
                    catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                    {
                        return;
                    }
                    if (_stopped) return;
                }
            }
        }
    }
}
