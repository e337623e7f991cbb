namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    private int _cwnd, _ssthresh, _dupAcks;
    private bool _inRecovery, _recoverValid, _fastRetransmitPending;
    private SeqNumber _recover;

    private int FlightSize => _sndMax - _sndUna;

    /// <summary>RFC 5681 §3.1 growth and RFC 6582 §3.2 partial/full ACK handling.</summary>
    private void OnNewAckCongestion(int acked)
    {
        _dupAcks = 0;
        if (_inRecovery)
        {
            if (_sndUna >= _recover)
            {
                _inRecovery = false; // full ACK: RFC 6582 §3.2 step 3, option (1)
                _cwnd = Math.Min(_ssthresh, Math.Max(FlightSize, _sendMss) + _sendMss);
            }
            else
            {
                // Partial ACK: retransmit the next hole, deflate by the amount acknowledged.
                _fastRetransmitPending = true;
                _cwnd = Math.Max(_sendMss, _cwnd - acked + (acked >= _sendMss ? _sendMss : 0));
            }
            return;
        }
        // Slow start with appropriate byte counting, L = 2·SMSS (RFC 3465 §2.2): one ACK often
        // covers several segments that arrived between two polls.
        if (_cwnd < _ssthresh) _cwnd += Math.Min(acked, 2 * _sendMss);
        else _cwnd += Math.Max(1, (int)((long)_sendMss * _sendMss / _cwnd));
        _cwnd = Math.Min(_cwnd, 1 << 30);
    }

    /// <summary>RFC 5681 §3.2 / RFC 6582 §3.2: the third duplicate ACK starts fast retransmit.</summary>
    private void OnDuplicateAck()
    {
        if (_inRecovery)
        {
            _cwnd += _sendMss; // inflate for each segment that left the network
            MarkReady();
            return;
        }
        if (++_dupAcks != 3) return;
        // RFC 6582 §3.2 step 2: no new recovery until the previous recovery point is passed.
        if (_recoverValid && _sndUna - 1 < _recover) return;
        _ssthresh = Math.Max(FlightSize / 2, 2 * _sendMss);
        _recover = _sndMax;
        _recoverValid = true;
        _inRecovery = true;
        _cwnd = _ssthresh + 3 * _sendMss;
        _fastRetransmitPending = true;
        MarkReady();
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
    }
}
