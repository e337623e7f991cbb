using System.Net;
using Islet.Events;
using Islet.Net;
using Islet.Net.Udp;

namespace Islet.UserNet.Internal;

/// <summary>
/// Every UDP flow of a user network, over all its <c>/udp</c> forwards, in least-recently-active
/// order: a new client beyond the limit evicts the first, and one re-armable loop timer closes
/// flows idle for the timeout. Keeping the order costs no allocation per datagram (the flow's
/// list node moves to the end). Loop thread only.
/// </summary>
internal sealed class UdpFlowTable : IDisposable
{
    private readonly EventLoop _loop;
    private readonly UdpLayer _udp;
    private readonly UserNetCounters _counters;
    private readonly long _idleNanoseconds;
    private readonly int _limit;
    private readonly LinkedList<UdpFlow> _byActivity = new();
    private readonly LoopTimer _expiry;

    public UdpFlowTable(EventLoop loop, UdpLayer udp, UserNetCounters counters, TimeSpan idleTimeout, int limit)
    {
        _loop = loop;
        _udp = udp;
        _counters = counters;
        _idleNanoseconds = (long)idleTimeout.TotalNanoseconds;
        _limit = limit;
        _expiry = new LoopTimer(loop, static s => ((UdpFlowTable)s!).Expire(), this);
    }

    /// <summary>
    /// Opens a flow for <paramref name="client"/> of <paramref name="forward"/> on a fresh
    /// ephemeral router port, evicting the least recently active flow first when the table is
    /// full; null when the router has no UDP port to give.
    /// </summary>
    public UdpFlow? Open(UdpForward forward, IPEndPoint client, long now)
    {
        if (_byActivity.Count >= _limit && _byActivity.First is { } oldest)
        {
            Close(oldest.Value);
            _counters.UdpFlowsEvicted++;
        }
        UdpSocket socket;
        try
        {
            socket = _udp.Bind(0);
        }
        catch (NetException)
        {
            return null;
        }
        var flow = new UdpFlow(forward, client, socket, now);
        _byActivity.AddLast(flow.Node);
        _counters.UdpFlowsTotal++;
        _counters.UdpFlowsActive++;
        if (!_expiry.IsArmed) _expiry.ArmAt(now + _idleNanoseconds);
        return flow;
    }

    /// <summary>Records traffic on <paramref name="flow"/> at <paramref name="now"/>: it becomes the most recently active.</summary>
    public void Touch(UdpFlow flow, long now)
    {
        flow.LastActive = now;
        if (flow.Closed || _byActivity.Last == flow.Node) return;
        _byActivity.Remove(flow.Node);
        _byActivity.AddLast(flow.Node);
    }

    /// <summary>Closes <paramref name="flow"/>: it leaves the table and its forward, and its router port is unbound (queued datagrams dropped).</summary>
    public void Close(UdpFlow flow)
    {
        if (flow.Closed) return;
        flow.Closed = true;
        _byActivity.Remove(flow.Node);
        flow.Forward.Forget(flow);
        flow.Socket.Dispose();
        _counters.UdpFlowsActive--;
    }

    /// <summary>The timer fired: closes every flow idle for the timeout and re-arms for the next.</summary>
    private void Expire()
    {
        long now = _loop.NowNanoseconds;
        while (_byActivity.First is { } first && first.Value.LastActive + _idleNanoseconds <= now)
        {
            Close(first.Value);
            _counters.UdpFlowsExpired++;
        }
        if (_byActivity.First is { } next) _expiry.ArmAt(next.Value.LastActive + _idleNanoseconds);
    }

    /// <summary>Closes every flow and stops the timer.</summary>
    public void Dispose()
    {
        while (_byActivity.First is { } first) Close(first.Value);
        _expiry.Dispose();
    }
}
