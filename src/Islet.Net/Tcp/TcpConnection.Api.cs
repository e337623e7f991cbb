namespace Islet.Net.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>
    /// Queues up to <see cref="SendSpace"/> bytes of <paramref name="data"/> for sending and
    /// returns how many were taken (0 when the buffer is full or the connection is closed for sending).
    /// </summary>
    public int Send(ReadOnlySpan<byte> data)
    {
        if (!CanSend) return 0;
        int n = _sendBuffer.Write(data);
        _sndDataEnd += n;
        if (n > 0) MarkReady();
        return n;
    }

    /// <summary>
    /// Moves up to <c>destination.Length</c> received bytes into <paramref name="destination"/>,
    /// freeing receive window; a window update is sent when the window opens by at least
    /// min(buffer/2, MSS) (RFC 9293 §3.8.6.2.2, receiver SWS avoidance).
    /// </summary>
    public int Receive(Span<byte> destination)
    {
        int n = _receiveBuffer.Read(destination);
        if (n > 0 && Synchronized && !_finReceived)
        {
            SeqNumber edge = _rcvNxt + AdvertisableWindow();
            if (edge - _rcvAdvertisedEdge >= Math.Min(_receiveBuffer.Capacity / 2, _localMss))
            {
                _ackNow = true;
                MarkReady();
            }
        }
        return n;
    }

    /// <summary>
    /// Closes the sending direction (RFC 9293 §3.10.4): a FIN follows all queued data.
    /// Receiving continues until the peer's FIN (half-close). Closing before the SYN is
    /// answered simply forgets the connection.
    /// </summary>
    public void Close()
    {
        switch (State)
        {
            case TcpState.SynSent:
                EnterClosed();
                break;
            case TcpState.SynReceived:
                _closeRequested = true;
                break;
            case TcpState.Established:
                _closeRequested = true;
                SetState(TcpState.FinWait1);
                break;
            case TcpState.CloseWait:
                _closeRequested = true;
                SetState(TcpState.LastAck);
                break;
        }
        MarkReady();
    }

    /// <summary>Resets the connection (RFC 9293 §3.10.5): sends RST if synchronized, drops all queued data.</summary>
    public void Abort()
    {
        if (State is TcpState.SynReceived or TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait)
            _rstPending = true;
        _sendBuffer.Discard(_sendBuffer.Count);
        _receiveBuffer.Discard(_receiveBuffer.Count);
        _assembler.Clear();
        EnterClosed();
        MarkReady();
    }

    internal void StartActive()
    {
        SetState(TcpState.SynSent);
        MarkReady();
    }

    internal void StartPassive(in TcpRepr syn, long now)
    {
        _irs = syn.SequenceNumber;
        _rcvNxt = _rcvAdvertisedEdge = _irs + 1;
        Negotiate(syn);
        _sndWnd = syn.Window;
        _maxSndWnd = _sndWnd;
        _sndWl1 = syn.SequenceNumber;
        _lastReceive = now;
        SetState(TcpState.SynReceived);
        MarkReady();
    }

    private void Negotiate(in TcpRepr syn)
    {
        _peerMss = syn.MaxSegmentSize != 0 ? syn.MaxSegmentSize : DefaultMss;
        bool ws = _options.WindowScaling && syn.WindowScale.HasValue;
        _wsOffered = ws;
        _sndScale = ws ? Math.Min(14, (int)syn.WindowScale!.Value) : 0;
        _tsOk = _options.Timestamps && syn.HasTimestamps;
        if (_tsOk) _tsRecent = syn.TimestampValue;
        _peerSackOffered = syn.SackPermitted;
        _sackOk = _options.Sack && syn.SackPermitted;
    }

    private int RcvShift => _wsOffered ? _rcvScale : 0;

    /// <summary>The window to advertise: free receive space, rounded down to the scale unit.</summary>
    private int AdvertisableWindow()
    {
        int shift = RcvShift;
        return Math.Min(_receiveBuffer.Free >> shift, ushort.MaxValue) << shift;
    }
}
