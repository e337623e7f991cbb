using Islet.Net.Ip;
using Islet.Net.Tcp.Internal;
using Islet.Net.Wire;

namespace Islet.Net.Tcp;

public sealed partial class TcpLayer
{
    private const long BlockedRetry = 1_000_000; // 1 ms: retry soon when the device refused a frame

    /// <inheritdoc />
    public long Poll(long now, IIpOutput output)
    {
        bool blocked = !SendResets(output);
        int n = _ready.Count;
        for (int i = 0; i < n; i++)
        {
            var c = _ready[i];
            c.InReadyList = false;
            if (c.Layer != this) continue;
            if (!c.Poll(now, output)) { blocked = true; MarkReady(c); }
            AfterActivity(c);
        }
        _ready.RemoveRange(0, n);
        while (_timers.TryPeek(out var c, out long t) && t <= now)
        {
            _timers.Dequeue();
            if (c.Layer != this || c.ScheduledDeadline != t) continue;
            c.ScheduledDeadline = long.MaxValue;
            if (!c.Poll(now, output)) { blocked = true; MarkReady(c); }
            AfterActivity(c);
        }
        long next = long.MaxValue;
        while (_timers.TryPeek(out var c, out long t))
        {
            if (c.Layer == this && c.ScheduledDeadline == t) { next = t; break; }
            _timers.Dequeue();
        }
        if (_ready.Count > 0 || _resetCount > 0) next = Math.Min(next, blocked ? now + BlockedRetry : now);
        return next;
    }

    internal void MarkReady(TcpConnection connection)
    {
        if (connection.InReadyList || connection.Layer != this) return;
        connection.InReadyList = true;
        _ready.Add(connection);
    }

    internal void OnPassiveEstablished(TcpConnection connection)
    {
        var listener = connection.Listener!;
        connection.Listener = null;
        listener.HalfOpen--;
        if (listener.IsListening) listener.Enqueue(connection);
        else connection.Abort();
    }

    /// <summary>Forgets a finished connection, or (re)arms its timer-heap entry. Lazy: stale entries are skipped when popped.</summary>
    private void AfterActivity(TcpConnection connection)
    {
        if (connection.IsFinished)
        {
            if (connection.Layer != this) return;
            _connections.Remove(new TcpFourTuple(connection.LocalEndpoint, connection.RemoteEndpoint));
            if (connection.Listener is { } listener) { listener.HalfOpen--; connection.Listener = null; }
            connection.Layer = null;
            connection.ScheduledDeadline = long.MaxValue;
            return;
        }
        long deadline = connection.NextDeadline;
        if (deadline < connection.ScheduledDeadline)
        {
            connection.ScheduledDeadline = deadline;
            _timers.Enqueue(connection, deadline);
        }
    }

    private bool SendResets(IIpOutput output)
    {
        int sent = 0;
        for (; sent < _resetCount; sent++)
        {
            var r = _resets[sent];
            var repr = new TcpRepr
            {
                SourcePort = r.Tuple.Local.Port,
                DestinationPort = r.Tuple.Remote.Port,
                SequenceNumber = r.Sequence,
                AcknowledgmentNumber = r.Acknowledgment,
                Flags = r.Flags,
            };
            if (!output.TryBegin(r.Tuple.Local.Address, r.Tuple.Remote.Address, IpProtocol.Tcp, repr.HeaderLength, out Span<byte> datagram)) break;
            repr.TryWrite(datagram, 0, r.Tuple.Local.Address, r.Tuple.Remote.Address, out _);
            output.Commit();
            Counters.SegmentsSent++;
        }
        Array.Copy(_resets, sent, _resets, 0, _resetCount - sent);
        _resetCount -= sent;
        return _resetCount == 0;
    }
}
