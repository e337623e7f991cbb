using Islet.Net.Ip;
using Islet.Net.Wire;

namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    private const int MaxDuplicateAcksOwed = 8;

    private bool _localMssKnown;
    private int _duplicateAcksOwed;

    /// <summary>
    /// Runs due timers and sends what is pending. Returns false when <paramref name="output"/>
    /// refused a datagram (state is kept; the rest is sent at the next poll).
    /// </summary>
    internal bool Poll(long now, IIpOutput output)
    {
        OnTimers(now);
        if (!_localMssKnown)
        {
            _localMss = Math.Max(64, output.MaxPayload - TcpSegmentHeader);
            _localMssKnown = true;
        }
        return Emit(now, output);
    }

    private const int TcpSegmentHeader = 20;

    private bool Emit(long now, IIpOutput output)
    {
        if (_rstPending)
        {
            if (!SendSegment(output, now, _sndMax, TcpFlags.Rst, 0, 0)) return false;
            _rstPending = false;
            return true;
        }
        if (_rstForAck is SeqNumber rstSeq)
        {
            if (!SendSegment(output, now, rstSeq, TcpFlags.Rst, 0, 0)) return false;
            _rstForAck = null;
        }
        switch (State)
        {
            case TcpState.Closed or TcpState.Listen:
                return true;
            case TcpState.SynSent when _sndNxt == _iss:
            case TcpState.SynReceived when _sndNxt == _iss || _ackNow || _challengePending:
                return SendSyn(output, now);
            case TcpState.SynSent or TcpState.SynReceived:
                return true;
        }
        if (_tlpPending && !SendTailLossProbe(output, now)) return false;
        if (_fastRetransmitPending && !(SackRecovery ? SackRetransmit(output, now) : FastRetransmit(output, now))) return false;
        if (!SendData(output, now)) return false;
        if (_persistProbePending || _keepAliveProbePending)
        {
            // A zero-length segment below the window: the peer answers with an ACK carrying its window.
            if (!SendSegment(output, now, _sndUna - 1, TcpFlags.Ack, 0, 0)) return false;
            _persistProbePending = _keepAliveProbePending = false;
        }
        // A pure ACK carries SND.MAX, not a rewound SND.NXT, so the peer finds it in window
        // even while we go back after a timeout (as BSD's tcp_output does).
        if (_ackNow || _challengePending)
        {
            if (!SendSegment(output, now, _sndMax, TcpFlags.Ack, 0, 0)) return false;
            for (; _duplicateAcksOwed > 1; _duplicateAcksOwed--)
                if (!SendSegment(output, now, _sndMax, TcpFlags.Ack, 0, 0)) return false;
        }
        _duplicateAcksOwed = 0;
        return true;
    }

    private bool SendSyn(IIpOutput output, long now)
    {
        var flags = State == TcpState.SynReceived ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Syn;
        bool isNew = _sndMax == _iss;
        if (!SendSegment(output, now, _iss, flags, 0, 0)) return false;
        if (!isNew) Counters.Retransmissions++;
        else
        {
            _rttTiming = true;
            _rttSeq = _iss;
            _rttStart = now;
        }
        _sndNxt = _iss + 1;
        _sndMax = SeqNumber.Max(_sndMax, _sndNxt);
        if (_rtoDeadline == long.MaxValue) _rtoDeadline = now + _rto;
        return true;
    }

    private bool SendData(IIpOutput output, long now)
    {
        bool finState = State is TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck;
        for (int guard = 0; guard < 4096; guard++)
        {
            int room = int.MaxValue;
            if (_sndNxt < _sndMax && !_scoreboard.IsEmpty)
                _sndNxt = _scoreboard.SkipSacked(_sndNxt, out room); // go-back-N skips what the receiver holds
            int offset = _sndNxt - SeqNumber.Max(_sndUna, _iss + 1);
            int available = Math.Max(0, _sndDataEnd - _sndNxt);
            int inFlight = _sndNxt - _sndUna;
            int usable = Math.Max(0, Math.Min(_sndWnd - inFlight, CongestionAllowance() - inFlight));
            int len = Math.Min(Math.Min(Math.Min(available, _sendMss), usable), room);
            bool fin = _closeRequested && finState && _sndNxt + len == _sndDataEnd;
            if (len == 0 && !fin)
            {
                if (available > 0 && _sndWnd == 0 && inFlight == 0)
                {
                    // A closed window with nothing in flight (also after a timeout pulled SND.NXT back):
                    // the persist timer probes it, forever; the retransmission timer, which gives up,
                    // stops (as BSD's tcp_output does). RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17.
                    _rtoDeadline = long.MaxValue;
                    StartPersist(now);
                }
                return true;
            }
            // Sender SWS avoidance (RFC 9293 §3.8.6.2.1; with nothing in flight no ACK will open the
            // window further, so the allowed part goes now) and Nagle (RFC 896, RFC 1122 §4.2.3.4).
            if (!fin && len < _sendMss && len != room)
            {
                if (len < available && len < _maxSndWnd / 2 && inFlight > 0) return true;
                if (len == available && inFlight > 0 && !NoDelay) return true;
            }
            var flags = TcpFlags.Ack | (len > 0 && len == available ? TcpFlags.Psh : 0) | (fin ? TcpFlags.Fin : 0);
            bool isNew = _sndNxt == _sndMax;
            if (!SendSegment(output, now, _sndNxt, flags, offset, len)) return false;
            if (!isNew) Counters.Retransmissions++;
            else if (!_rttTiming && len > 0)
            {
                _rttTiming = true;
                _rttSeq = _sndNxt;
                _rttStart = now;
            }
            _sndNxt += len + (fin ? 1 : 0);
            _sndMax = SeqNumber.Max(_sndMax, _sndNxt);
            if (_rtoDeadline == long.MaxValue) _rtoDeadline = now + _rto;
            if (isNew && len > 0) ArmTlp(now);
            if (fin) return true;
        }
        return true;
    }

    /// <summary>
    /// How far past SND.UNA the congestion window lets new data go: cwnd; plus one segment per
    /// duplicate ACK before recovery (RFC 3042 limited transmit, at most two); in SACK recovery,
    /// the data in flight counts as the pipe estimate, not SND.NXT - SND.UNA (RFC 6675 §5 step C).
    /// </summary>
    private int CongestionAllowance()
    {
        if (SackRecovery)
        {
            int pipe = FlightSize - _scoreboard.SackedBytes - _scoreboard.HoleBytesFrom(SeqNumber.Max(_highRxt, _sndUna));
            return _cwnd - pipe + (_sndNxt - _sndUna);
        }
        // After a timeout with the scoreboard kept, SACKed bytes below SND.NXT have left the network.
        if (_afterRto && !_inRecovery) return _cwnd + _scoreboard.SackedBelow(_sndNxt);
        if (!_inRecovery && _dupAcks is 1 or 2) return _cwnd + _dupAcks * _sendMss;
        return _cwnd;
    }

    /// <summary>RFC 5681 §3.2 step 2 / RFC 6582 §3.2: resend the first unacknowledged segment.</summary>
    private bool FastRetransmit(IIpOutput output, long now)
    {
        int len = Math.Min(Math.Min(Math.Max(0, _sndDataEnd - _sndUna), _sendMss), _sndMax - _sndUna);
        bool fin = _closeRequested && _sndUna + len == _sndDataEnd && _sndMax > _sndDataEnd;
        if (len > 0 || fin)
        {
            var flags = TcpFlags.Ack | (fin ? TcpFlags.Fin : 0);
            if (!SendSegment(output, now, _sndUna, flags, 0, len)) return false;
            Counters.FastRetransmits++;
            Counters.Retransmissions++;
            _rttTiming = false;
            _rtoDeadline = now + _rto;
        }
        _fastRetransmitPending = false;
        return true;
    }

    private bool SendSegment(IIpOutput output, long now, SeqNumber seq, TcpFlags flags, int dataOffset, int length)
    {
        var repr = new TcpRepr
        {
            SourcePort = LocalEndpoint.Port,
            DestinationPort = RemoteEndpoint.Port,
            SequenceNumber = seq,
            Flags = flags,
        };
        bool syn = (flags & TcpFlags.Syn) != 0, ack = (flags & TcpFlags.Ack) != 0;
        int window = 0;
        if (syn)
        {
            window = Math.Min(_receiveBuffer.Free, ushort.MaxValue);
            repr.Window = (ushort)window;
            repr.MaxSegmentSize = (ushort)Math.Min(_localMss, ushort.MaxValue);
            bool active = State == TcpState.SynSent || !_passive;
            if (active ? _options.WindowScaling : _wsOffered) repr.WindowScale = (byte)_rcvScale;
            repr.SackPermitted = active ? _options.Sack : _sackOk;
            if (active ? _options.Timestamps : _tsOk)
            {
                repr.HasTimestamps = true;
                repr.TimestampValue = TimestampNow(now);
                repr.TimestampEchoReply = ack ? _tsRecent : 0;
            }
        }
        else if (ack)
        {
            window = AdvertisableWindow();
            repr.Window = (ushort)(window >> RcvShift);
        }
        if (ack) repr.AcknowledgmentNumber = _rcvNxt;
        if (!syn && _tsOk && (flags & TcpFlags.Rst) == 0)
        {
            repr.HasTimestamps = true;
            repr.TimestampValue = TimestampNow(now);
            repr.TimestampEchoReply = _tsRecent;
        }
        if (!syn && ack && _sackOk && !_assembler.IsEmpty)
        {
            AddSackBlocks(ref repr);
            // SACK blocks must not push a full-sized segment past the MTU: send fewer (RFC 2018 §3).
            while (repr.SackBlockCount > 0 && repr.HeaderLength + length > output.MaxPayload) DropLastSackBlock(ref repr);
        }
        int h = repr.HeaderLength;
        if (!output.TryBegin(LocalEndpoint.Address, RemoteEndpoint.Address, IpProtocol.Tcp, h + length, out Span<byte> datagram)) return false;
        if (length > 0) _sendBuffer.CopyTo(dataOffset, datagram.Slice(h, length));
        repr.TryWrite(datagram, length, LocalEndpoint.Address, RemoteEndpoint.Address, out _);
        output.Commit();
        Counters.SegmentsSent++;
        if (ack)
        {
            _ackNow = _challengePending = false;
            _delayedAckDeadline = long.MaxValue;
            _unackedBytes = 0;
            _lastAckSent = _rcvNxt;
            if (_rcvNxt + window > _rcvAdvertisedEdge) _rcvAdvertisedEdge = _rcvNxt + window;
        }
        return true;
    }

    private static void DropLastSackBlock(ref TcpRepr repr)
    {
        Span<TcpSackBlock> keep = stackalloc TcpSackBlock[4];
        int n = repr.SackBlockCount - 1;
        for (int i = 0; i < n; i++) keep[i] = repr.GetSackBlock(i);
        repr.ClearSackBlocks();
        for (int i = 0; i < n; i++) repr.TryAddSackBlock(keep[i]);
    }

    /// <summary>RFC 2018 §4: the first block holds the most recently received data.</summary>
    private void AddSackBlocks(ref TcpRepr repr)
    {
        int max = _tsOk ? 3 : 4;
        int last = -1;
        for (int i = 0; i < _assembler.Count; i++)
            if (_assembler.StartAt(i) == _assembler.LastStart && _assembler.EndAt(i) == _assembler.LastEnd) last = i;
        if (last >= 0)
            repr.TryAddSackBlock(new TcpSackBlock(_rcvNxt + _assembler.LastStart, _rcvNxt + _assembler.LastEnd));
        for (int i = 0; i < _assembler.Count && repr.SackBlockCount < max; i++)
        {
            if (i == last) continue;
            repr.TryAddSackBlock(new TcpSackBlock(_rcvNxt + _assembler.StartAt(i), _rcvNxt + _assembler.EndAt(i)));
        }
    }
}
