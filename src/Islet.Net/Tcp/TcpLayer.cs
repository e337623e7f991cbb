using System.Buffers.Binary;
using Islet.Net.Internal;
using Islet.Net.Ip;
using Islet.Net.Tcp.Internal;
using Islet.Net.Wire;

namespace Islet.Net.Tcp;

/// <summary>
/// The TCP transport: demultiplexes segments to connections by 4-tuple, runs listeners with
/// bounded backlogs, answers segments for no connection with RST (RFC 9293 §3.10.7.1) and
/// polls connections through a timer heap, so a poll costs O(due work · log n), not O(n).
/// Connections that reach CLOSED (including TIME-WAIT expiry) are forgotten.
/// </summary>
public sealed partial class TcpLayer : IIpTransport
{
    private const int FirstEphemeralPort = 49152;
    private const int EphemeralPortCount = 65536 - FirstEphemeralPort;
    private const int MaxPendingResets = 16;

    private readonly byte[] _secret;
    private readonly TcpOptions _options;
    private readonly int _maxConnections;
    private readonly Dictionary<TcpFourTuple, TcpConnection> _connections = new();
    private readonly Dictionary<Ipv4Endpoint, TcpListenerCore> _listeners = new();
    private readonly List<TcpConnection> _ready = new();
    private readonly PriorityQueue<TcpConnection, long> _timers = new();
    private readonly TcpPendingReset[] _resets = new TcpPendingReset[MaxPendingResets];
    private TcpListenerCore? _catchAll;
    private int _resetCount;
    private int _nextEphemeral;

    /// <summary>
    /// Creates the layer. <paramref name="secret"/> (at least 16 random bytes, from the
    /// platform's entropy device) keys the RFC 6528 ISN function and the ephemeral port start.
    /// </summary>
    public TcpLayer(ReadOnlySpan<byte> secret, TcpOptions? options = null, int maxConnections = 4096)
    {
        if (secret.Length < 16) throw new ArgumentException("The secret must be at least 16 bytes.", nameof(secret));
        _secret = secret.ToArray();
        _options = options ?? TcpOptions.Default;
        _maxConnections = maxConnections;
        _nextEphemeral = (int)(BinaryPrimitives.ReadUInt32LittleEndian(_secret) % EphemeralPortCount);
    }

    /// <inheritdoc />
    public IpProtocol Protocol => IpProtocol.Tcp;
    /// <summary>Layer-wide counters (drops before a connection is found).</summary>
    public TcpCounters Counters { get; } = new();
    /// <summary>Connections the layer still holds (any state but CLOSED).</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Starts listening on <paramref name="local"/>; throws <see cref="NetException"/> (AddressInUse) if taken.</summary>
    public TcpListenerCore Listen(Ipv4Endpoint local, int backlog)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(backlog, 1);
        if (_listeners.ContainsKey(local)) throw new NetException(NetError.AddressInUse, local.ToString());
        var listener = new TcpListenerCore(local, backlog);
        _listeners.Add(local, listener);
        return listener;
    }

    /// <summary>
    /// Starts the catch-all listener: it takes SYNs for every address and port that no other
    /// listener takes (a router's transparent proxy; each accepted connection's local endpoint
    /// says where the peer meant to go). Throws <see cref="NetException"/> (AddressInUse) if one exists.
    /// </summary>
    public TcpListenerCore ListenCatchAll(int backlog)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(backlog, 1);
        if (_catchAll is not null) throw new NetException(NetError.AddressInUse, "catch-all listener");
        return _catchAll = new TcpListenerCore(new Ipv4Endpoint(Ipv4Address.Any, 0), backlog);
    }

    /// <summary>Stops <paramref name="listener"/>; unaccepted connections are reset.</summary>
    public void StopListening(TcpListenerCore listener)
    {
        if (listener == _catchAll) _catchAll = null;
        else if (!_listeners.Remove(listener.LocalEndpoint)) return;
        listener.IsListening = false;
        while (listener.TryDequeue(out var c)) c.Abort();
    }

    /// <summary>Takes the next established connection of <paramref name="listener"/>.</summary>
    public bool TryAccept(TcpListenerCore listener, out TcpConnection connection) => listener.TryDequeue(out connection);

    /// <summary>
    /// Opens a connection from <paramref name="local"/> (an ephemeral port from 49152-65535)
    /// to <paramref name="remote"/>; the SYN goes out at the next poll. Throws
    /// <see cref="NetException"/> (NoResources) when no port or connection slot is free.
    /// </summary>
    public TcpConnection Connect(Ipv4Address local, Ipv4Endpoint remote, long now)
    {
        if (_connections.Count >= _maxConnections) throw new NetException(NetError.NoResources, "connection limit");
        for (int i = 0; i < EphemeralPortCount; i++)
        {
            var port = (ushort)(FirstEphemeralPort + _nextEphemeral);
            _nextEphemeral = (_nextEphemeral + 1) % EphemeralPortCount;
            var key = new TcpFourTuple(new Ipv4Endpoint(local, port), remote);
            if (_connections.ContainsKey(key) || _listeners.ContainsKey(key.Local)) continue;
            var connection = new TcpConnection(_options, key.Local, remote, Isn(key, now), passive: false) { Layer = this };
            _connections.Add(key, connection);
            connection.StartActive();
            return connection;
        }
        throw new NetException(NetError.NoResources, "no ephemeral port");
    }

    /// <inheritdoc />
    public bool Receive(in Ipv4Repr ip, ReadOnlySpan<byte> payload, long now)
    {
        Counters.SegmentsReceived++;
        if (!TcpSegment.TryCreate(payload, out var segment)) { Counters.Drop(TcpDropReason.Malformed); return true; }
        if (!segment.VerifyChecksum(ip.Source, ip.Destination)) { Counters.Drop(TcpDropReason.Checksum); return true; }
        if (!TcpRepr.TryParse(segment, out var repr)) { Counters.Drop(TcpDropReason.Malformed); return true; }
        var data = segment.Payload;
        var key = new TcpFourTuple(new Ipv4Endpoint(ip.Destination, repr.DestinationPort), new Ipv4Endpoint(ip.Source, repr.SourcePort));
        if (_connections.TryGetValue(key, out var connection))
        {
            connection.ProcessSegment(repr, data, now);
            AfterActivity(connection);
            return true;
        }
        if ((repr.Flags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst)) == TcpFlags.Syn && FindListener(key.Local) is { } listener)
        {
            if (listener.IsFull || _connections.Count >= _maxConnections)
            {
                Counters.Drop(TcpDropReason.BacklogFull);
                return true;
            }
            var c = new TcpConnection(_options, key.Local, key.Remote, Isn(key, now), passive: true) { Layer = this, Listener = listener };
            listener.HalfOpen++;
            _connections.Add(key, c);
            c.StartPassive(repr, now);
            AfterActivity(c);
            return true;
        }
        Counters.Drop(TcpDropReason.NoSocket);
        if (!repr.Has(TcpFlags.Rst) && !ip.Destination.IsBroadcast && !ip.Destination.IsMulticast)
            QueueReset(key, repr, data.Length);
        return true;
    }

    private TcpListenerCore? FindListener(Ipv4Endpoint local) =>
        _listeners.TryGetValue(local, out var l) ? l
        : _listeners.TryGetValue(new Ipv4Endpoint(Ipv4Address.Any, local.Port), out l) ? l
        : _catchAll;

    /// <summary>RFC 9293 §3.10.7.1: the reset for a segment that matches no connection.</summary>
    private void QueueReset(TcpFourTuple key, in TcpRepr seg, int payloadLength)
    {
        if (_resetCount == MaxPendingResets) return;
        _resets[_resetCount++] = seg.Has(TcpFlags.Ack)
            ? new TcpPendingReset(key, seg.AcknowledgmentNumber, default, TcpFlags.Rst)
            : new TcpPendingReset(key, default, seg.SequenceNumber + seg.SegmentLength(payloadLength), TcpFlags.Rst | TcpFlags.Ack);
    }

    /// <summary>RFC 6528: ISN = M + F(4-tuple, secret), M a 4 µs clock, F keyed SipHash-2-4 (managed: no OpenSSL in an image).</summary>
    private SeqNumber Isn(TcpFourTuple key, long now)
    {
        Span<byte> input = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(input, key.Local.Address.Value);
        BinaryPrimitives.WriteUInt16BigEndian(input[4..], key.Local.Port);
        BinaryPrimitives.WriteUInt32BigEndian(input[6..], key.Remote.Address.Value);
        BinaryPrimitives.WriteUInt16BigEndian(input[10..], key.Remote.Port);
        ulong hash = SipHash24.Hash(_secret, input);
        return new SeqNumber(unchecked((uint)hash + (uint)(now / 4000)));
    }
}
