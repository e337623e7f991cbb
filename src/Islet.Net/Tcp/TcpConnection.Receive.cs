using Islet.Net.Wire;

namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>
    /// Processes one incoming segment already matched to this connection (RFC 9293 §3.10.7).
    /// <paramref name="payload"/> is only read during the call. Output is produced at the next poll.
    /// </summary>
    internal void ProcessSegment(in TcpRepr segment, ReadOnlySpan<byte> payload, long now)
    {
        TcpRepr seg = segment;
        Counters.SegmentsReceived++;
        if (State is TcpState.Closed or TcpState.Listen) return;
        if (State == TcpState.SynSent)
        {
            ProcessSynSent(seg, now);
            return;
        }
        if (State == TcpState.SynReceived && seg.Has(TcpFlags.Syn) && seg.Has(TcpFlags.Ack) && seg.SequenceNumber == _irs)
        {
            // Simultaneous open (RFC 9293 §3.5 figure 8): the SYN of this SYN-ACK was already
            // received; trim it so the acknowledgment part is processed.
            seg.Flags &= ~TcpFlags.Syn;
            seg.SequenceNumber += 1;
        }
        bool rst = seg.Has(TcpFlags.Rst);
        // RFC 7323 §5.3: PAWS rejects segments whose TSval is older than TS.Recent.
        if (_tsOk && seg.HasTimestamps && !rst && unchecked((int)(seg.TimestampValue - _tsRecent)) < 0)
        {
            Counters.Drop(TcpDropReason.Paws);
            RequestAck();
            return;
        }
        int segLen = seg.SegmentLength(payload.Length);
        if (!Acceptable(seg.SequenceNumber, segLen))
        {
            Counters.Drop(TcpDropReason.OutOfWindow);
            if (!rst) RequestAck();
            if (State == TcpState.TimeWait && seg.Has(TcpFlags.Fin)) _timeWaitDeadline = now + TcpOptions.Ns(_options.TimeWait);
            return;
        }
        _lastReceive = now;
        _keepAliveProbes = 0;
        if (rst)
        {
            // RFC 5961 §3.2: only an exact RST resets; an in-window one is challenged.
            if (seg.SequenceNumber == _rcvNxt) ResetReceived();
            else Challenge(now);
            return;
        }
        if (seg.Has(TcpFlags.Syn))
        {
            Challenge(now); // RFC 5961 §4.2 (and RFC 9293 §3.10.7.4 fourth check)
            return;
        }
        if (!seg.Has(TcpFlags.Ack))
        {
            Counters.Drop(TcpDropReason.UnexpectedInState);
            return;
        }
        if (_tsOk && seg.HasTimestamps && seg.SequenceNumber <= _lastAckSent) _tsRecent = seg.TimestampValue; // RFC 7323 §4.3
        if (State == TcpState.SynReceived)
        {
            if (!(seg.AcknowledgmentNumber > _sndUna && seg.AcknowledgmentNumber <= _sndMax))
            {
                Counters.Drop(TcpDropReason.BadAck);
                _rstForAck = seg.AcknowledgmentNumber;
                MarkReady();
                return;
            }
            _sndWl1 = seg.SequenceNumber - 1; // force the window update below
            EnterEstablished();
        }
        if (!ProcessAck(seg, payload.Length, now)) return;
        bool finAcked = _closeRequested && _sndUna == _sndDataEnd + 1;
        switch (State)
        {
            case TcpState.FinWait1 when finAcked:
                SetState(TcpState.FinWait2);
                break;
            case TcpState.Closing when finAcked:
                EnterTimeWait(now);
                return;
            case TcpState.LastAck when finAcked:
                EnterClosed();
                return;
        }
        if (State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)
            ProcessData(seg, payload, now);
        if (seg.Has(TcpFlags.Fin) && !_finReceived && seg.SequenceNumber + payload.Length == _rcvNxt
            && State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)
            ProcessFin(now, finAcked);
        MarkReady();
    }

    /// <summary>RFC 9293 §3.10.7.4, first check: the four cases of segment acceptability.</summary>
    private bool Acceptable(SeqNumber seq, int segLen)
    {
        int window = Math.Max(0, _rcvAdvertisedEdge - _rcvNxt);
        // A zero-length segment may sit exactly at the right edge, as Linux and BSD accept: a peer
        // that filled our window sends its pure ACKs at SND.MAX = our edge, and dropping them while
        // a hole keeps RCV.NXT back would also drop their acknowledgments of our data (a deadlock
        // when both directions are full).
        if (segLen == 0) return seq.InWindow(_rcvNxt, window + 1);
        if (window == 0) return false;
        return seq.InWindow(_rcvNxt, window) || (seq + (segLen - 1)).InWindow(_rcvNxt, window);
    }

    private void ProcessSynSent(in TcpRepr seg, long now)
    {
        bool ack = seg.Has(TcpFlags.Ack);
        if (ack && (seg.AcknowledgmentNumber <= _iss || seg.AcknowledgmentNumber > _sndMax))
        {
            Counters.Drop(TcpDropReason.BadAck);
            if (!seg.Has(TcpFlags.Rst)) { _rstForAck = seg.AcknowledgmentNumber; MarkReady(); }
            return;
        }
        if (seg.Has(TcpFlags.Rst))
        {
            if (ack) Fail(NetError.Refused);
            else Counters.Drop(TcpDropReason.UnexpectedInState);
            return;
        }
        if (!seg.Has(TcpFlags.Syn))
        {
            Counters.Drop(TcpDropReason.UnexpectedInState);
            return;
        }
        _irs = seg.SequenceNumber;
        _rcvNxt = _rcvAdvertisedEdge = _irs + 1;
        Negotiate(seg);
        _sndWnd = seg.Window; // RFC 7323 §2.2: the window of a SYN is never scaled
        _maxSndWnd = _sndWnd;
        _sndWl1 = seg.SequenceNumber;
        _sndWl2 = seg.AcknowledgmentNumber;
        _lastReceive = now;
        if (ack)
        {
            _sndUna = seg.AcknowledgmentNumber;
            SampleRtt(seg, now);
            _retransmits = 0;
            _rtoDeadline = long.MaxValue;
            EnterEstablished();
            _ackNow = true;
        }
        else
        {
            // Simultaneous open (RFC 9293 §3.5, figure 8): answer with SYN-ACK.
            _sndNxt = _iss;
            SetState(TcpState.SynReceived);
        }
        MarkReady();
    }

    private void EnterEstablished()
    {
        _sendMss = Math.Max(64, Math.Min(_peerMss, _localMss) - (_tsOk ? 12 : 0));
        _cwnd = Math.Min(4 * _sendMss, Math.Max(2 * _sendMss, 4380)); // RFC 5681 §3.1 / RFC 3390
        SetState(_closeRequested ? TcpState.FinWait1 : TcpState.Established);
        if (Listener is not null) Layer?.OnPassiveEstablished(this);
        Observer?.OnWritable();
    }

    private void ProcessData(in TcpRepr seg, ReadOnlySpan<byte> payload, long now)
    {
        SeqNumber seq = seg.SequenceNumber;
        int skip = _rcvNxt - seq;
        if (skip > 0)
        {
            if (skip >= payload.Length)
            {
                if (!payload.IsEmpty) _ackNow = true;
                return;
            }
            payload = payload[skip..];
            seq = _rcvNxt;
        }
        if (payload.IsEmpty) return;
        int offset = seq - _rcvNxt;
        int room = _receiveBuffer.Free - offset;
        if (room <= 0) { _ackNow = true; return; }
        if (payload.Length > room) payload = payload[..room];
        if (offset == 0)
        {
            bool hadHoles = !_assembler.IsEmpty;
            _receiveBuffer.WriteAt(0, payload);
            _assembler.Add(0, payload.Length);
            int n = _assembler.TakeFront();
            _receiveBuffer.Commit(n);
            _rcvNxt += n;
            _unackedBytes += n;
            // RFC 5681 §4.2 / RFC 1122 §4.2.3.2: ACK at least every second full segment, at once when filling a hole.
            if (hadHoles || _unackedBytes >= 2 * Math.Max(1, _localMss - (_tsOk ? 12 : 0))) _ackNow = true;
            else if (_delayedAckDeadline == long.MaxValue) _delayedAckDeadline = now + TcpOptions.Ns(_options.DelayedAck);
            Observer?.OnReadable();
        }
        else
        {
            if (_assembler.Add(offset, offset + payload.Length)) _receiveBuffer.WriteAt(offset, payload);
            else Counters.Drop(TcpDropReason.TooManyHoles);
            // RFC 5681 §4.2: each out-of-order segment is acknowledged at once with its own
            // duplicate ACK, even when several arrive between two polls.
            _ackNow = true;
            _duplicateAcksOwed = Math.Min(_duplicateAcksOwed + 1, MaxDuplicateAcksOwed);
        }
    }

    private void ProcessFin(long now, bool finAcked)
    {
        _rcvNxt += 1;
        _finReceived = true;
        _ackNow = true;
        switch (State)
        {
            case TcpState.Established: SetState(TcpState.CloseWait); break;
            case TcpState.FinWait1 when finAcked: EnterTimeWait(now); break;
            case TcpState.FinWait1: SetState(TcpState.Closing); break;
            case TcpState.FinWait2: EnterTimeWait(now); break;
        }
        Observer?.OnReadable();
    }

    private void ResetReceived()
    {
        switch (State)
        {
            case TcpState.SynReceived when _passive: EnterClosed(); break;
            case TcpState.SynReceived: Fail(NetError.Refused); break;
            case TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait: Fail(NetError.Reset); break;
            default: EnterClosed(); break;
        }
    }

    /// <summary>RFC 5961 §7: a challenge ACK, at most <see cref="TcpOptions.ChallengeAcksPerSecond"/> per second.</summary>
    private void Challenge(long now)
    {
        Counters.Drop(TcpDropReason.Challenged);
        if (now - _challengeWindowStart >= 1_000_000_000L)
        {
            _challengeWindowStart = now;
            _challengeCount = 0;
        }
        if (_challengeCount >= _options.ChallengeAcksPerSecond) return;
        _challengeCount++;
        Counters.ChallengeAcks++;
        _challengePending = true;
        MarkReady();
    }

    private void RequestAck()
    {
        _ackNow = true;
        MarkReady();
    }

    private void EnterTimeWait(long now)
    {
        ClearTimers();
        _timeWaitDeadline = now + TcpOptions.Ns(_options.TimeWait);
        SetState(TcpState.TimeWait);
    }
}
