using Islet.Net.Wire;

namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    private long _srtt, _rttvar, _rto;
    private bool _rttTiming;
    private SeqNumber _rttSeq;
    private long _rttStart;

    /// <summary>
    /// RFC 9293 §3.10.7.4, fifth check, with RFC 5961 §5.2's ACK range: returns false when the
    /// segment must be dropped.
    /// </summary>
    private bool ProcessAck(in TcpRepr seg, int payloadLength, long now)
    {
        SeqNumber ack = seg.AcknowledgmentNumber;
        if (ack > _sndMax || ack < _sndUna - Math.Max(_maxSndWnd, 1))
        {
            Counters.Drop(TcpDropReason.BadAck);
            RequestAck();
            return false;
        }
        int window = seg.Window << _sndScale;
        int sackedBefore = _scoreboard.SackedBytes;
        if (_sackOk)
            for (int i = 0; i < seg.SackBlockCount; i++)
                _scoreboard.Add(seg.GetSackBlock(i).Left, seg.GetSackBlock(i).Right, _sndUna, _sndMax);
        bool advanced = ack > _sndUna;
        if (advanced)
            OnAckAdvanced(seg, ack, now);
        else if (ack == _sndUna && _sndMax > _sndUna && IsDuplicateAck(seg, payloadLength, window, sackedBefore))
            OnDuplicateAck();
        // The window is counted from SEG.ACK, and the sender counts it from SND.UNA: so take it
        // from every segment that advances SND.UNA (even a retransmission with an older SEG.SEQ, as
        // Linux does) and never from an old ACK below SND.UNA. Otherwise SND.UNA moves on without
        // the window and the sender overruns the peer's right edge (RFC 9293 §3.10.7.4, fifth check).
        if (ack == _sndUna && (advanced || _sndWl1 < seg.SequenceNumber || (_sndWl1 == seg.SequenceNumber && _sndWl2 <= ack)))
        {
            bool opened = window > _sndWnd;
            _sndWnd = window;
            _maxSndWnd = Math.Max(_maxSndWnd, window);
            _sndWl1 = seg.SequenceNumber;
            _sndWl2 = ack;
            if (window > 0) StopPersist();
            if (opened) MarkReady();
        }
        if (_sndNxt < _sndUna) _sndNxt = _sndUna;
        return true;
    }

    /// <summary>
    /// With SACK, RFC 6675 §2's definition: an ACK that SACKs new data above SND.UNA, whatever its
    /// window or payload (a window update from the application reading must not hide it, and an
    /// ACK for a duplicated segment, which SACKs nothing new, is no loss signal). Without SACK,
    /// RFC 5681 §2's: no data, no FIN, the same window.
    /// </summary>
    private bool IsDuplicateAck(in TcpRepr seg, int payloadLength, int window, int sackedBefore) =>
        _sackOk && seg.SackBlockCount > 0
            ? _scoreboard.SackedBytes > sackedBefore
            : payloadLength == 0 && !seg.Has(TcpFlags.Fin) && window == _sndWnd;

    private void OnAckAdvanced(in TcpRepr seg, SeqNumber ack, long now)
    {
        int acked = ack - _sndUna;
        SeqNumber from = SeqNumber.Max(_sndUna, _iss + 1);
        SeqNumber to = SeqNumber.Min(ack, _sndDataEnd);
        int dataAcked = Math.Max(0, to - from);
        _sendBuffer.Discard(dataAcked);
        _sndUna = ack;
        _scoreboard.AdvanceTo(ack);
        SampleRtt(seg, now);
        _retransmits = 0;
        OnNewAckCongestion(acked);
        TryEnterRecovery();
        _rtoDeadline = _sndUna == _sndMax ? long.MaxValue : now + _rto;
        _tlpSent = false; // a new flight may be probed again
        ArmTlp(now);
        if (dataAcked > 0) Observer?.OnWritable();
        MarkReady();
    }

    /// <summary>
    /// Takes an RTT measurement: from the timestamp echo when timestamps are on (RFC 7323 §4),
    /// otherwise from the one timed segment, which Karn's rule invalidates on retransmission.
    /// </summary>
    private void SampleRtt(in TcpRepr seg, long now)
    {
        if (_tsOk && seg.HasTimestamps && seg.TimestampEchoReply != 0)
        {
            uint elapsedMs = unchecked(TimestampNow(now) - seg.TimestampEchoReply);
            if (elapsedMs < 0x8000_0000u) UpdateRto(elapsedMs * 1_000_000L);
            _rttTiming = false;
        }
        else if (_rttTiming && seg.AcknowledgmentNumber > _rttSeq)
        {
            _rttTiming = false;
            UpdateRto(now - _rttStart);
        }
    }

    /// <summary>RFC 6298 §2.2-2.3 with the configured bounds (§2.4-2.5).</summary>
    private void UpdateRto(long sample)
    {
        if (_srtt == 0)
        {
            _srtt = Math.Max(sample, 1);
            _rttvar = sample / 2;
        }
        else
        {
            _rttvar = (3 * _rttvar + Math.Abs(_srtt - sample)) / 4;
            _srtt = Math.Max(1, (7 * _srtt + sample) / 8);
        }
        long rto = _srtt + Math.Max(1_000_000L, 4 * _rttvar);
        _rto = Math.Clamp(rto, TcpOptions.Ns(_options.MinRto), TcpOptions.Ns(_options.MaxRto));
    }

    private uint TimestampNow(long now) => unchecked((uint)(now / 1_000_000) + _iss.Value);
}
