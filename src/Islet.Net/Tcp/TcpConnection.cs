using Islet.Net.Ip;
using Islet.Net.Tcp.Internal;

namespace Islet.Net.Tcp;

/// <summary>
/// One TCP connection: the RFC 9293 state machine as a sans-IO core. The owning
/// <see cref="TcpLayer"/> feeds it segments and polls it for output; the application uses
/// <see cref="Send"/>, <see cref="Receive"/>, <see cref="Close"/> and <see cref="Abort"/>.
/// Buffers are allocated once at construction and never grow. Not thread-safe: all calls,
/// including the application's, come from the stack's event loop.
/// </summary>
public sealed partial class TcpConnection
{
    private const int DefaultMss = 536; // RFC 9293 §3.7.1

    private readonly TcpOptions _options;
    private readonly TcpRingBuffer _sendBuffer;
    private readonly TcpRingBuffer _receiveBuffer;
    private readonly TcpAssembler _assembler;
    private readonly bool _passive;

    // Send sequence space (RFC 9293 §3.3.1). Data byte k (0-based) has sequence ISS+1+k.
    private SeqNumber _iss, _sndUna, _sndNxt, _sndMax, _sndWl1, _sndWl2, _sndDataEnd;
    private int _sndWnd, _maxSndWnd;
    private bool _closeRequested;

    // Receive sequence space.
    private SeqNumber _irs, _rcvNxt, _rcvAdvertisedEdge, _lastAckSent;
    private bool _finReceived;
    private int _unackedBytes;

    // Negotiated options.
    private int _sndScale, _rcvScale, _peerMss = DefaultMss, _localMss = DefaultMss, _sendMss = DefaultMss;
    private bool _tsOk, _sackOk, _wsOffered, _peerSackOffered;
    private uint _tsRecent;

    // Pending output.
    private bool _ackNow, _rstPending, _challengePending;
    private SeqNumber? _rstForAck;

    internal TcpConnection(TcpOptions options, Ipv4Endpoint local, Ipv4Endpoint remote, SeqNumber iss, bool passive)
    {
        _options = options;
        NoDelay = options.NoDelay;
        LocalEndpoint = local;
        RemoteEndpoint = remote;
        _passive = passive;
        _sendBuffer = new TcpRingBuffer(options.SendBufferSize);
        _receiveBuffer = new TcpRingBuffer(options.ReceiveBufferSize);
        _assembler = new TcpAssembler(options.MaxOutOfOrderRanges);
        _iss = _sndUna = _sndNxt = _sndMax = iss;
        _sndDataEnd = iss + 1;
        _rto = TcpOptions.Ns(options.InitialRto);
        while (_rcvScale < 14 && options.ReceiveBufferSize >> _rcvScale > ushort.MaxValue) _rcvScale++;
        _cwnd = 4 * DefaultMss;
        _ssthresh = int.MaxValue / 2;
    }

    /// <summary>The state (RFC 9293 §3.3.2).</summary>
    public TcpState State { get; private set; }
    /// <summary>Why the connection failed (Refused, Reset, TimedOut), or null.</summary>
    public NetError? Error { get; private set; }
    /// <summary>Local address and port.</summary>
    public Ipv4Endpoint LocalEndpoint { get; }
    /// <summary>Remote address and port.</summary>
    public Ipv4Endpoint RemoteEndpoint { get; }
    /// <summary>Notified when the connection becomes readable or writable or changes state.</summary>
    public ITcpObserver? Observer { get; set; }

    /// <summary>
    /// Disables Nagle's algorithm for this connection (RFC 896): small segments leave at once
    /// even while data is unacknowledged. Starts from <see cref="TcpOptions.NoDelay"/>.
    /// </summary>
    public bool NoDelay { get; set; }
    /// <summary>This connection's counters.</summary>
    public TcpCounters Counters { get; } = new();

    /// <summary>Bytes <see cref="Send"/> would accept now (0 once closed for sending).</summary>
    public int SendSpace => CanSend ? _sendBuffer.Free : 0;
    /// <summary>Bytes that <see cref="Receive"/> can return now.</summary>
    public int ReadableBytes => _receiveBuffer.Count;
    /// <summary>True once the peer's FIN arrived and every byte before it has been read.</summary>
    public bool ReceiveFinished => _finReceived && _receiveBuffer.Count == 0;
    /// <summary>Smoothed round-trip time in nanoseconds (0 before the first sample).</summary>
    public long SmoothedRtt => _srtt;
    /// <summary>Round-trip time variation in nanoseconds.</summary>
    public long RttVariation => _rttvar;
    /// <summary>Current retransmission timeout in nanoseconds, including backoff.</summary>
    public long RetransmissionTimeout => _rto;
    /// <summary>Congestion window in bytes (RFC 5681).</summary>
    public int CongestionWindow => _cwnd;
    /// <summary>Slow-start threshold in bytes.</summary>
    public int SlowStartThreshold => _ssthresh;
    /// <summary>The peer's window in bytes, already scaled.</summary>
    public int SendWindow => _sndWnd;
    /// <summary>The maximum segment payload this side sends (peer MSS minus option overhead).</summary>
    public int SendMss => _sendMss;
    /// <summary>True if window scaling was negotiated; the shifts are then in effect.</summary>
    public bool WindowScalingEnabled => _wsOffered;
    /// <summary>The shift applied to windows this side advertises (0 without scaling).</summary>
    public int ReceiveWindowScale => _wsOffered ? _rcvScale : 0;
    /// <summary>The shift applied to the peer's windows.</summary>
    public int SendWindowScale => _sndScale;
    /// <summary>True if timestamps were negotiated.</summary>
    public bool TimestampsEnabled => _tsOk;
    /// <summary>True if SACK was negotiated.</summary>
    public bool SackEnabled => _sackOk;

    internal SeqNumber ReceiveNext => _rcvNxt;
    internal SeqNumber SendNext => _sndNxt;
    internal SeqNumber SendUnacknowledged => _sndUna;
    internal uint TimestampRecent => _tsRecent;

    internal TcpLayer? Layer
    {
        get => _layer;
        set
        {
            _layer = value;
            if (value is not null) Counters.Parent = value.Counters; // the layer's totals include this connection's events
        }
    }
    private TcpLayer? _layer;
    internal TcpListenerCore? Listener { get; set; }
    internal bool InReadyList { get; set; }
    internal long ScheduledDeadline { get; set; } = long.MaxValue;

    /// <summary>True when the layer may forget this connection: closed with nothing left to send.</summary>
    internal bool IsFinished => State == TcpState.Closed && !_rstPending;

    private bool CanSend => !_closeRequested && State is TcpState.SynSent or TcpState.SynReceived or TcpState.Established or TcpState.CloseWait;

    private bool Synchronized => State is not (TcpState.Closed or TcpState.Listen or TcpState.SynSent);

    private void SetState(TcpState state)
    {
        if (State == state) return;
        State = state;
        Observer?.OnStateChanged();
    }

    private void Fail(NetError? error)
    {
        Error ??= error;
        EnterClosed();
        Observer?.OnReadable();
        Observer?.OnWritable();
    }

    private void EnterClosed()
    {
        ClearTimers();
        _ackNow = _challengePending = false;
        _rstForAck = null;
        SetState(TcpState.Closed);
    }

    private void MarkReady() => Layer?.MarkReady(this);
}
