using Islet.Devices;
using Islet.Net.Dhcp;
using Islet.Net.Wire;

namespace Islet.UserNet.Dhcp;

/// <summary>
/// A sans-IO DHCPv4 server (RFC 2131 §4.3, options of RFC 2132) for a point-to-point link: it
/// leases one address to whoever is on the other end. The caller feeds each UDP payload that
/// arrived on port 67 to <see cref="TryRespond"/> and sends the reply it writes to UDP port 68
/// at the <see cref="DhcpReplyDestination"/> it names. No clock, no sockets, no allocation.
/// </summary>
/// <remarks>
/// <para>The link has one peer, so the lease belongs to the last client hardware address that
/// was acknowledged: a guest that restarts with a new MAC takes it over at once rather than
/// waiting for the old lease to expire.</para>
/// <para>DISCOVER is answered with OFFER; REQUEST (selecting, init-reboot, renewing, rebinding)
/// with ACK when the address asked for is the guest's and NAK otherwise; REQUEST naming another
/// server identifier is ignored (the client chose that server, §4.3.2); INFORM with an ACK that
/// carries no lease (§4.3.5); DECLINE and RELEASE end the binding. Relayed messages (giaddr set)
/// are ignored: there is no relay on a point-to-point link.</para>
/// </remarks>
public sealed class DhcpServer
{
    private const long Second = 1_000_000_000;

    private readonly DhcpServerOptions _options;
    private long _expiry;

    /// <summary>Creates the server.</summary>
    /// <exception cref="ArgumentException">The server or client address is unspecified, or they are equal.</exception>
    public DhcpServer(DhcpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ServerAddress.IsUnspecified || options.ClientAddress.IsUnspecified || options.ServerAddress == options.ClientAddress)
            throw new ArgumentException("The DHCP server and client addresses must be distinct, specified addresses.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)options.PrefixLength, 32u, nameof(options));
        _options = options;
    }

    /// <summary>The counters this server updates.</summary>
    public DhcpServerCounters Counters { get; } = new();

    /// <summary>The hardware address holding the lease, or null when none is bound.</summary>
    public MacAddress? BoundClient { get; private set; }

    /// <summary>True when a lease is bound and has not expired at <paramref name="now"/>.</summary>
    public bool HasLease(long now) => BoundClient is not null && now < _expiry;

    /// <summary>
    /// Handles one request (a UDP payload received on port 67) and writes the reply, if any,
    /// into <paramref name="reply"/> (at least <see cref="DhcpRepr.MinLength"/> bytes; 576 is
    /// always enough). Never throws for any input.
    /// </summary>
    /// <returns>True when a reply was written and must be sent to <paramref name="destination"/>, port 68.</returns>
    public bool TryRespond(ReadOnlySpan<byte> request, long now, Span<byte> reply, out int written, out DhcpReplyDestination destination)
    {
        written = 0;
        destination = default;
        if (!DhcpMessage.TryCreate(request, out var message) || !DhcpRepr.TryParse(message, out var repr))
        {
            Counters.Malformed++;
            return false;
        }
        if (repr.IsReply || !message.RelayAddress.IsUnspecified) { Counters.Ignored++; return false; }
        DhcpRepr answer;
        switch (repr.MessageType)
        {
            case DhcpMessageType.Discover:
                answer = Lease(repr, DhcpMessageType.Offer);
                Counters.Offers++;
                break;
            case DhcpMessageType.Request:
                if (!repr.ServerIdentifier.IsUnspecified && repr.ServerIdentifier != _options.ServerAddress) { Counters.Ignored++; return false; }
                var wanted = repr.RequestedAddress.IsUnspecified ? repr.ClientAddress : repr.RequestedAddress;
                if (wanted.IsUnspecified) { Counters.Ignored++; return false; }
                if (wanted != _options.ClientAddress)
                {
                    answer = Nak(repr);
                    Counters.Naks++;
                    break;
                }
                answer = Lease(repr, DhcpMessageType.Ack);
                BoundClient = repr.ClientHardwareAddress;
                _expiry = now + _options.LeaseSeconds * Second;
                Counters.Leases++;
                break;
            case DhcpMessageType.Inform when !repr.ClientAddress.IsUnspecified:
                answer = Options(repr, DhcpMessageType.Ack);
                Counters.Informs++;
                break;
            case DhcpMessageType.Decline or DhcpMessageType.Release:
                if (repr.MessageType == DhcpMessageType.Decline) Counters.Declines++;
                else Counters.Releases++;
                if (BoundClient == repr.ClientHardwareAddress) BoundClient = null;
                return false;
            default:
                Counters.Ignored++;
                return false;
        }
        if (!answer.TryWrite(reply, out written)) { written = 0; return false; }
        destination = Destination(repr, answer);
        return true;
    }

    /// <summary>RFC 2131 §4.1, giaddr zero: NAKs are broadcast; a client with an address gets unicast; otherwise the broadcast bit decides.</summary>
    private static DhcpReplyDestination Destination(in DhcpRepr request, in DhcpRepr answer)
    {
        if (answer.MessageType == DhcpMessageType.Nak) return new(Ipv4Address.Broadcast, default);
        if (!request.ClientAddress.IsUnspecified) return new(request.ClientAddress, default);
        if (request.Broadcast || answer.YourAddress.IsUnspecified) return new(Ipv4Address.Broadcast, default);
        return new(answer.YourAddress, request.ClientHardwareAddress);
    }

    private DhcpRepr Lease(in DhcpRepr request, DhcpMessageType type) =>
        Options(request, type) with { YourAddress = _options.ClientAddress, LeaseTime = _options.LeaseSeconds };

    /// <summary>The reply every answer starts from: the request's xid, flags and chaddr, and our configuration (no lease).</summary>
    private DhcpRepr Options(in DhcpRepr request, DhcpMessageType type) => Reply(request, type) with
    {
        ClientAddress = request.ClientAddress,
        SubnetMask = _options.SubnetMask,
        Router = _options.Router,
        Dns = _options.Dns,
    };

    /// <summary>RFC 2131 table 3: a NAK carries only the server identifier and message type.</summary>
    private DhcpRepr Nak(in DhcpRepr request) => Reply(request, DhcpMessageType.Nak);

    private DhcpRepr Reply(in DhcpRepr request, DhcpMessageType type) => new()
    {
        IsReply = true,
        MessageType = type,
        TransactionId = request.TransactionId,
        Broadcast = request.Broadcast,
        ClientHardwareAddress = request.ClientHardwareAddress,
        ServerIdentifier = _options.ServerAddress,
    };
}
