namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    private long _rtoDeadline = long.MaxValue, _persistDeadline = long.MaxValue;
    private long _delayedAckDeadline = long.MaxValue, _timeWaitDeadline = long.MaxValue;
    private long _lastReceive, _challengeWindowStart = long.MinValue / 2;
    private int _retransmits, _persistBackoff, _keepAliveProbes, _challengeCount;
    private bool _persistProbePending, _keepAliveProbePending;

    /// <summary>The earliest time a timer of this connection fires, or <see cref="long.MaxValue"/>.</summary>
    internal long NextDeadline
    {
        get
        {
            long d = Math.Min(Math.Min(_rtoDeadline, _persistDeadline), Math.Min(_delayedAckDeadline, _timeWaitDeadline));
            return Math.Min(d, KeepAliveDeadline);
        }
    }

    private long KeepAliveDeadline =>
        _options.KeepAlive && State == TcpState.Established
            ? _lastReceive + TcpOptions.Ns(_options.KeepAliveIdle) + _keepAliveProbes * TcpOptions.Ns(_options.KeepAliveInterval)
            : long.MaxValue;

    private void OnTimers(long now)
    {
        if (now >= _timeWaitDeadline)
        {
            EnterClosed(); // RFC 9293 §3.10.8: the 2×MSL timeout deletes the TCB
            return;
        }
        if (now >= _rtoDeadline) OnRetransmitTimeout(now);
        if (State == TcpState.Closed) return;
        if (now >= _persistDeadline)
        {
            // RFC 9293 §3.8.6.1: probe a zero window, backing off like the RTO; never give up.
            _persistProbePending = true;
            Counters.WindowProbes++;
            _persistBackoff = Math.Min(_persistBackoff + 1, 16);
            _persistDeadline = now + Math.Min(_rto << _persistBackoff, TcpOptions.Ns(_options.MaxRto));
        }
        if (now >= _delayedAckDeadline)
        {
            _ackNow = true;
            _delayedAckDeadline = long.MaxValue;
        }
        if (now >= KeepAliveDeadline)
        {
            if (_keepAliveProbes >= _options.KeepAliveProbes)
            {
                Fail(NetError.TimedOut);
                return;
            }
            _keepAliveProbes++;
            _keepAliveProbePending = true;
        }
    }

    /// <summary>RFC 6298 §5.4-5.7: retransmit from SND.UNA, double the RTO, give up after the limit.</summary>
    private void OnRetransmitTimeout(long now)
    {
        int limit = State is TcpState.SynSent or TcpState.SynReceived ? _options.MaxSynRetransmissions : _options.MaxRetransmissions;
        if (_retransmits >= limit)
        {
            Fail(NetError.TimedOut);
            return;
        }
        _retransmits++;
        Counters.Timeouts++;
        if (State is not (TcpState.SynSent or TcpState.SynReceived)) OnTimeoutCongestion();
        _rto = Math.Min(_rto * 2, TcpOptions.Ns(_options.MaxRto));
        _rttTiming = false; // Karn's rule
        _sndNxt = _sndUna;
        _rtoDeadline = now + _rto;
    }

    private void StartPersist(long now)
    {
        if (_persistDeadline != long.MaxValue) return;
        _persistBackoff = 0;
        _persistDeadline = now + _rto;
    }

    private void StopPersist()
    {
        _persistDeadline = long.MaxValue;
        _persistBackoff = 0;
    }

    private void ClearTimers()
    {
        _rtoDeadline = _persistDeadline = _delayedAckDeadline = _timeWaitDeadline = long.MaxValue;
        _persistProbePending = _keepAliveProbePending = _fastRetransmitPending = false;
    }
}
