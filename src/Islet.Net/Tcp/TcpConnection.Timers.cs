using Islet.Net.Ip;

namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    private long _rtoDeadline = long.MaxValue, _persistDeadline = long.MaxValue, _tlpDeadline = long.MaxValue;
    private bool _tlpSent, _tlpPending;
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
            d = Math.Min(d, _tlpDeadline);
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
        if (now >= _tlpDeadline)
        {
            _tlpDeadline = long.MaxValue;
            if (TlpAllowed) _tlpPending = true;
        }
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
        _tlpDeadline = long.MaxValue;
        _tlpSent = _tlpPending = false;
        if (State is not (TcpState.SynSent or TcpState.SynReceived)) OnTimeoutCongestion();
        _rto = Math.Min(_rto * 2, TcpOptions.Ns(_options.MaxRto));
        _rttTiming = false; // Karn's rule
        _sndNxt = _sndUna;
        _rtoDeadline = now + _rto;
    }

    /// <summary>
    /// RFC 8985 §7.2: a probe is allowed once per flight, with SACK, an RTT sample, data in
    /// flight, and no recovery or timeout under way.
    /// </summary>
    private bool TlpAllowed =>
        _sackOk && _options.TailLossProbe && _srtt > 0 && !_inRecovery && !_afterRto && !_tlpSent && _retransmits == 0
        && _sndMax > _sndUna && _sndNxt == _sndMax && State is TcpState.Established or TcpState.CloseWait;

    /// <summary>
    /// RFC 8985 §7.2: schedule the probe timeout, PTO = 2·SRTT (at least 10 ms), plus the
    /// delayed-ACK time when one segment is in flight; not when the RTO would fire first.
    /// </summary>
    private void ArmTlp(long now)
    {
        _tlpDeadline = long.MaxValue;
        if (!TlpAllowed) return;
        long pto = Math.Max(2 * _srtt, 10_000_000L);
        if (FlightSize <= _sendMss) pto += TcpOptions.Ns(_options.DelayedAck);
        if (now + pto < _rtoDeadline) _tlpDeadline = now + pto;
    }

    /// <summary>
    /// RFC 8985 §7.3: send one new segment if the peer's window allows, otherwise resend the last
    /// one, so that its ACK (with SACK) reveals a tail loss without waiting for the RTO; rearm the RTO.
    /// </summary>
    private bool SendTailLossProbe(IIpOutput output, long now)
    {
        _tlpPending = false;
        if (!TlpAllowed) return true;
        SeqNumber dataStart = SeqNumber.Max(_sndUna, _iss + 1);
        int available = Math.Max(0, _sndDataEnd - _sndMax);
        int len = Math.Min(available, _sendMss);
        if (len > 0 && _sndMax <= _sndDataEnd && _sndWnd - FlightSize >= len)
        {
            if (!SendSegment(output, now, _sndMax, Wire.TcpFlags.Ack | (len == available ? Wire.TcpFlags.Psh : 0), _sndMax - dataStart, len)) return false;
            _sndNxt = _sndMax = _sndMax + len;
        }
        else
        {
            SeqNumber end = SeqNumber.Min(_sndMax, _sndDataEnd);
            SeqNumber start = SeqNumber.Max(end - _sendMss, dataStart);
            len = end - start;
            if (len <= 0) return true;
            if (_scoreboard.HighestSacked is SeqNumber high && high >= end)
            {
                // The tail already arrived and the holes before it did not for a PTO: they are
                // lost (as RACK's reordering timer would conclude, RFC 8985 §6.2); recover now.
                _tlpSent = true;
                if (!TryEnterRecovery()) _tlpSent = false;
                return true;
            }
            if (!SendSegment(output, now, start, Wire.TcpFlags.Ack, start - dataStart, len)) return false;
            Counters.Retransmissions++;
            _rttTiming = false;
        }
        Counters.TailLossProbes++;
        _tlpSent = true;
        _rtoDeadline = now + _rto;
        return true;
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
        _rtoDeadline = _persistDeadline = _delayedAckDeadline = _timeWaitDeadline = _tlpDeadline = long.MaxValue;
        _tlpSent = _tlpPending = false;
        _persistProbePending = _keepAliveProbePending = _fastRetransmitPending = false;
    }
}
