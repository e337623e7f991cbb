using System.Numerics;
using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.Net.Dhcp;

/// <summary>
/// A sans-IO DHCPv4 client (RFC 2131 §4.4): INIT → SELECTING → REQUESTING → BOUND →
/// RENEWING → REBINDING. The interface sends what <see cref="TryTakeMessage"/> hands out (UDP
/// 68 → 67) and feeds replies to <see cref="Receive"/>; <see cref="Lease"/> changes when an
/// address is bound or lost.
/// </summary>
/// <remarks>
/// Retransmission follows RFC 2131 §4.1: 4 s doubling to 64 s, randomised by ±1 s (the
/// randomness comes from the transaction id, itself seeded by the caller). In RENEWING and
/// REBINDING the client retransmits after half the time left to T2 (or to expiry), but no
/// sooner than 60 s (§4.4.5). Lease times count from when the REQUEST was sent (§4.4.1).
/// The initial random wait of 1–10 s (§4.4.1) is left to the caller.
/// </remarks>
public sealed class DhcpClient
{
    private const long Second = 1_000_000_000;
    private const int MaxRequestAttempts = 4;

    private readonly MacAddress _mac;
    private uint _xid;
    private long _deadline, _started, _requestSentAt, _t2, _expiry;
    private int _attempt;
    private Ipv4Address _offered, _server;

    /// <summary>Creates a client for <paramref name="mac"/>; <paramref name="transactionSeed"/> should be random.</summary>
    public DhcpClient(MacAddress mac, uint transactionSeed)
    {
        _mac = mac;
        _xid = transactionSeed;
    }

    /// <summary>Where the client is in RFC 2131's state diagram.</summary>
    public DhcpClientState State { get; private set; }

    /// <summary>The current lease, or null when the client holds no address.</summary>
    public DhcpLease? Lease { get; private set; }

    /// <summary>When the client next has something to send, or <see cref="long.MaxValue"/>.</summary>
    public long NextDeadline => _deadline;

    /// <summary>Replies ignored (wrong transaction, wrong state, incomplete).</summary>
    public long Ignored { get; private set; }

    /// <summary>
    /// The message due at <paramref name="now"/>, if any, and where it goes (the limited
    /// broadcast, or the server while renewing). Advances the state machine's timers.
    /// </summary>
    public bool TryTakeMessage(long now, out DhcpRepr message, out Ipv4Address destination)
    {
        message = default;
        destination = Ipv4Address.Broadcast;
        if (now < _deadline) return false;
        switch (State)
        {
            case DhcpClientState.Init:
                _xid++;
                _started = now;
                _attempt = 0;
                State = DhcpClientState.Selecting;
                goto case DhcpClientState.Selecting;
            case DhcpClientState.Selecting:
                message = Message(DhcpMessageType.Discover, now);
                Retransmit(now);
                return true;
            case DhcpClientState.Requesting:
                if (_attempt >= MaxRequestAttempts) { Lose(now); return TryTakeMessage(now, out message, out destination); }
                if (_attempt == 0) _requestSentAt = now;
                message = Message(DhcpMessageType.Request, now) with { RequestedAddress = _offered, ServerIdentifier = _server };
                Retransmit(now);
                return true;
            case DhcpClientState.Bound:
                _xid++;
                State = DhcpClientState.Renewing;
                goto case DhcpClientState.Renewing;
            case DhcpClientState.Renewing:
                if (now >= _t2) { _xid++; State = DhcpClientState.Rebinding; goto case DhcpClientState.Rebinding; }
                _requestSentAt = now;
                message = Message(DhcpMessageType.Request, now) with { ClientAddress = Lease!.Address };
                destination = _server;
                _deadline = Math.Min(_t2, now + Math.Max(60 * Second, (_t2 - now) / 2));
                return true;
            case DhcpClientState.Rebinding:
                if (now >= _expiry) { Lose(now); return TryTakeMessage(now, out message, out destination); }
                _requestSentAt = now;
                message = Message(DhcpMessageType.Request, now) with { ClientAddress = Lease!.Address };
                _deadline = Math.Min(_expiry, now + Math.Max(60 * Second, (_expiry - now) / 2));
                return true;
        }
        return false;
    }

    /// <summary>Handles a reply addressed to UDP port 68.</summary>
    public void Receive(in DhcpRepr reply, long now)
    {
        if (!reply.IsReply || reply.TransactionId != _xid || reply.ClientHardwareAddress != _mac) { Ignored++; return; }
        bool awaitingAck = State is DhcpClientState.Requesting or DhcpClientState.Renewing or DhcpClientState.Rebinding;
        switch (reply.MessageType)
        {
            case DhcpMessageType.Offer when State == DhcpClientState.Selecting
                && !reply.YourAddress.IsUnspecified && !reply.ServerIdentifier.IsUnspecified:
                _offered = reply.YourAddress;
                _server = reply.ServerIdentifier;
                State = DhcpClientState.Requesting;
                _attempt = 0;
                _deadline = now;
                break;
            case DhcpMessageType.Ack when awaitingAck && !reply.YourAddress.IsUnspecified && reply.LeaseTime != 0:
                Bind(reply);
                break;
            case DhcpMessageType.Nak when awaitingAck:
                Lose(now);
                break;
            default:
                Ignored++;
                break;
        }
    }

    private void Bind(in DhcpRepr ack)
    {
        if (!ack.ServerIdentifier.IsUnspecified) _server = ack.ServerIdentifier;
        long lease = ack.LeaseTime, t1 = ack.RenewalTime, t2 = ack.RebindingTime;
        if (t2 == 0 || t2 > lease) t2 = lease * 7 / 8;     // RFC 2131 §4.4.5 defaults
        if (t1 == 0 || t1 > t2) t1 = lease / 2;
        bool infinite = ack.LeaseTime == uint.MaxValue;
        _deadline = infinite ? long.MaxValue : _requestSentAt + t1 * Second;
        _t2 = infinite ? long.MaxValue : _requestSentAt + t2 * Second;
        _expiry = infinite ? long.MaxValue : _requestSentAt + lease * Second;
        uint mask = ack.SubnetMask.Value;
        int prefix = mask != 0 && (~mask & (~mask + 1)) == 0 ? BitOperations.PopCount(mask) : 24;
        var bound = new DhcpLease(ack.YourAddress, prefix, ack.Router, ack.Dns, _server, TimeSpan.FromSeconds(lease));
        if (Lease != bound) Lease = bound;
        State = DhcpClientState.Bound;
    }

    private void Lose(long now)
    {
        Lease = null;
        State = DhcpClientState.Init;
        _deadline = now;
    }

    private void Retransmit(long now)
    {
        long backoff = Math.Min(64, 4L << Math.Min(_attempt, 4)) * Second;
        long jitter = (long)((_xid * 2654435761u + (uint)_attempt * 40503u) % 2_000_000_001u) - Second;
        _deadline = now + backoff + jitter;
        _attempt++;
    }

    private DhcpRepr Message(DhcpMessageType type, long now) => new()
    {
        MessageType = type, TransactionId = _xid, ClientHardwareAddress = _mac,
        Seconds = (ushort)Math.Min(ushort.MaxValue, (now - _started) / Second),
    };
}
