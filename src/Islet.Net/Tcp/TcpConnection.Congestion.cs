using Islet.Net.Tcp.Internal;

namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    private readonly TcpSackScoreboard _scoreboard = new();
    private int _cwnd, _ssthresh, _dupAcks, _bytesAckedInCa;
    private bool _inRecovery, _recoverValid, _fastRetransmitPending, _sackRecoveryMode;
    private bool _afterRto; // go-back-N after a timeout with the SACK scoreboard kept, until SND.UNA passes the recovery point
    private SeqNumber _recover, _highRxt;
    private SeqNumber? _rxtMark; // SND.MAX when the latest hole was resent: SACKs beyond it show which resends were lost

    /// <summary>Loss recovery driven by the SACK scoreboard (RFC 6675) rather than NewReno alone.</summary>
    private bool SackRecovery => _inRecovery && _sackRecoveryMode;

    private int FlightSize => _sndMax - _sndUna;

    /// <summary>RFC 5681 §3.1 growth and RFC 6582 §3.2 partial/full ACK handling.</summary>
    private void OnNewAckCongestion(int acked)
    {
        _dupAcks = 0;
        if (_afterRto && _sndUna >= _recover) _afterRto = false;
        if (_inRecovery)
        {
            if (_sndUna >= _recover)
            {
                _inRecovery = false; // full ACK: RFC 6582 §3.2 step 3, option (1)
                _cwnd = Math.Min(_ssthresh, Math.Max(FlightSize, _sendMss) + _sendMss);
            }
            else if (SackRecovery)
            {
                // RFC 6675 §5 step (C): the scoreboard says which holes to resend; cwnd stays ssthresh.
                _highRxt = SeqNumber.Max(_highRxt, _sndUna);
                _fastRetransmitPending = true;
                DetectLostRetransmissions();
            }
            else
            {
                // Partial ACK: retransmit the next hole, deflate by the amount acknowledged.
                _fastRetransmitPending = true;
                _cwnd = Math.Max(_sendMss, _cwnd - acked + (acked >= _sendMss ? _sendMss : 0));
            }
            return;
        }
        // Slow start with byte counting (RFC 3465) and, as Linux does, no per-ACK limit: when a
        // poll batches many segments one ACK covers all of them, and an SMSS or 2·SMSS cap
        // would leave the window growing by a constant per round trip.
        if (_cwnd < _ssthresh) _cwnd += acked;
        else
        {
            // Congestion avoidance with byte counting (RFC 3465 §2.1, as Linux counts acked
            // segments): one SMSS per cwnd of bytes acknowledged, so delayed ACKs, which cover two
            // segments each, do not halve the growth as a per-ACK increment would.
            _bytesAckedInCa += acked;
            if (_bytesAckedInCa >= _cwnd)
            {
                _bytesAckedInCa -= _cwnd;
                _cwnd += _sendMss;
            }
        }
        _cwnd = Math.Min(_cwnd, 1 << 30);
    }

    /// <summary>RFC 5681 §3.2 / RFC 6582 §3.2: the third duplicate ACK starts fast retransmit.</summary>
    private void OnDuplicateAck()
    {
        if (_inRecovery)
        {
            if (SackRecovery)
            {
                _fastRetransmitPending = true; // RFC 6675 §5 step (C): pipe shrank
                DetectLostRetransmissions();
            }
            else _cwnd += _sendMss; // NewReno: inflate for each segment that left the network
            MarkReady();
            return;
        }
        _dupAcks++;
        if (!TryEnterRecovery() && _dupAcks <= 2) MarkReady(); // RFC 3042 limited transmit: SendData may send one new segment
    }

    /// <summary>
    /// RFC 6675 §5: enter recovery on DupThresh duplicate ACKs, or when IsLost(SND.UNA): more than
    /// (DupThresh - 1)·SMSS SACKed above it (duplicate ACKs were lost, or the ACK that revealed
    /// the hole also advanced SND.UNA).
    /// </summary>
    private bool TryEnterRecovery()
    {
        if (_inRecovery || _sndMax == _sndUna) return false;
        // A tail loss probe that the receiver SACKs while earlier data is still missing shows
        // that data lost (RFC 8985 §7.4: the probe elicits the ACK that loss detection needs).
        bool probeSacked = _tlpSent && _sackOk && _scoreboard.HighestSacked == _sndMax;
        bool lost = _dupAcks >= 3 || (_sackOk && _scoreboard.SackedBytes > 2 * _sendMss) || probeSacked;
        if (!lost) return false;
        // RFC 6582 §3.2 step 2: no new recovery until the ACK covers more than the previous
        // recovery point (_recover is SND.MAX then, one past the highest sequence number sent).
        // After a timeout with SACK (RFC 6675 governs), new SACK information beyond that point
        // shows a new loss (a go-back-N resend or new data) and starts recovery at once.
        bool newLossAfterRto = _afterRto && _scoreboard.SackedAbove(_recover) > 2 * _sendMss;
        if (_recoverValid && _sndUna < _recover && !newLossAfterRto) return false;
        _ssthresh = Math.Max((newLossAfterRto ? Math.Min(FlightSize, _cwnd) : FlightSize) / 2, 2 * _sendMss);
        if (newLossAfterRto) Counters.RecoveriesAfterTimeout++;
        _afterRto = false;
        _tlpSent = false;
        _tlpDeadline = long.MaxValue;
        _recover = _sndMax;
        _recoverValid = true;
        _inRecovery = true;
        _highRxt = _sndUna;
        _sackRecoveryMode = _sackOk && !_scoreboard.IsEmpty;
        Counters.Recoveries++;
        if (_sackRecoveryMode) Counters.SackRecoveries++;
        _cwnd = _sackRecoveryMode ? _ssthresh : _ssthresh + 3 * _sendMss; // RFC 6675 §5 step (4.2)
        _fastRetransmitPending = true;
        _rxtMark = null;
        MarkReady();
        return true;
    }

    /// <summary>RFC 5681 §3.1 equation 4 and RFC 6298 §5: after a timeout, restart from one segment.</summary>
    private void OnTimeoutCongestion()
    {
        _ssthresh = Math.Max(FlightSize / 2, 2 * _sendMss);
        _cwnd = _sendMss;
        _dupAcks = 0;
        _inRecovery = false;
        _fastRetransmitPending = false;
        _recover = _sndMax;
        _recoverValid = true;
        // RFC 6675 §5.1: the scoreboard may be kept across a timeout, so go-back-N resends only the
        // holes. RFC 2018 §8: the receiver may have reneged; if so the holes' resends do not
        // advance SND.UNA past the reneged data and the next back-to-back timeout clears it.
        if (_retransmits > 1) _scoreboard.Clear();
        _afterRto = _sackOk && !_scoreboard.IsEmpty;
    }

    /// <summary>
    /// A resent hole is lost again when more than (DupThresh - 1)·SMSS sent after the latest
    /// resend is SACKed while holes below HighRxt remain (as Linux's lost-retransmit detection):
    /// start resending the holes again from SND.UNA instead of waiting for the RTO.
    /// </summary>
    private void DetectLostRetransmissions()
    {
        if (_rxtMark is not SeqNumber mark || _scoreboard.HighestSacked is not SeqNumber high) return;
        if (high - mark <= 2 * _sendMss) return;
        if (!_scoreboard.TryGetNextHole(_sndUna, out SeqNumber hole, out _) || hole >= _highRxt) return;
        _highRxt = _sndUna;
        _rxtMark = null;
        _fastRetransmitPending = true;
    }

    /// <summary>
    /// RFC 6675 §5 step (C): resend holes below the highest SACKed byte while the pipe estimate
    /// (outstanding minus SACKed minus presumed-lost bytes) leaves room in cwnd; at least one per trigger.
    /// </summary>
    private bool SackRetransmit(Ip.IIpOutput output, long now)
    {
        if (_scoreboard.IsEmpty) return FastRetransmit(output, now);
        for (int sent = 0; sent < 64; sent++)
        {
            SeqNumber from = SeqNumber.Max(_highRxt, _sndUna);
            int pipe = FlightSize - _scoreboard.SackedBytes - _scoreboard.HoleBytesFrom(from);
            if (sent > 0 && pipe + _sendMss > _cwnd) break;
            if (!_scoreboard.TryGetNextHole(from, out SeqNumber start, out int length)) break;
            length = Math.Min(Math.Min(length, _sendMss), _sndDataEnd - start);
            if (length <= 0) break;
            if (!SendSegment(output, now, start, Wire.TcpFlags.Ack, start - SeqNumber.Max(_sndUna, _iss + 1), length)) return false;
            Counters.FastRetransmits++;
            Counters.Retransmissions++;
            _rttTiming = false;
            _highRxt = start + length;
            _rxtMark = _sndMax;
        }
        _fastRetransmitPending = false;
        return true;
    }
}
