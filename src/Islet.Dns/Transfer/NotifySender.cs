using System.Net;
using System.Security.Cryptography;
using Islet.Dns.Wire;

namespace Islet.Dns.Transfer;

/// <summary>
/// The sans-IO sender of NOTIFY (RFC 1996): each zone has a list of target endpoints (its
/// secondaries); <see cref="ZoneChanged(Wire.DnsRecord, long)"/> queues a NOTIFY to each, <see cref="TryPoll"/> hands out
/// the datagrams that are due, and a NOTIFY is sent again after <see cref="NotifySenderOptions.InitialInterval"/>,
/// then after twice that, and so on, until the target's response arrives through
/// <see cref="Receive"/> or <see cref="NotifySenderOptions.MaxAttempts"/> transmissions have gone
/// unanswered (RFC 1996 §3.6). A newer change of a zone replaces its outstanding NOTIFYs (a fresh id
/// and the new SOA). Times are monotonic nanoseconds from the caller's loop; the loop sleeps until
/// <see cref="NextDeadline"/>. At most one NOTIFY is outstanding per (zone, target), so the state is
/// bounded by the configured targets. Not thread-safe.
/// </summary>
public sealed class NotifySender
{
    private readonly Dictionary<DnsName, IPEndPoint[]> _targets = [];
    private readonly List<Outstanding> _outstanding = [];
    private readonly Func<ushort> _nextId;
    private readonly long _initialInterval;
    private readonly int _maxAttempts;

    /// <summary>A sender with <paramref name="options"/> (defaults when null). Message ids come from
    /// <paramref name="nextId"/>, or by default from a cryptographic random source, so that an off-path
    /// attacker cannot forge the response that stops a NOTIFY.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive or the attempts below 1.</exception>
    public NotifySender(NotifySenderOptions? options = null, Func<ushort>? nextId = null)
    {
        options ??= new NotifySenderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.InitialInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        _initialInterval = options.InitialInterval.Ticks * 100;
        _maxAttempts = options.MaxAttempts;
        _nextId = nextId ?? (() => (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1));
    }

    /// <summary>The number of NOTIFYs not yet answered or given up.</summary>
    public int OutstandingCount => _outstanding.Count;

    /// <summary>The number of NOTIFYs given up after <see cref="NotifySenderOptions.MaxAttempts"/> transmissions.</summary>
    public long GivenUp { get; private set; }

    /// <summary>The earliest time <see cref="TryPoll"/> has something to do, or null when nothing is outstanding.</summary>
    public long? NextDeadline
    {
        get
        {
            long? next = null;
            foreach (Outstanding o in _outstanding)
            {
                if (next is null || o.Due < next)
                    next = o.Due;
            }
            return next;
        }
    }

    /// <summary>Sets the targets notified when <paramref name="zone"/> changes (an empty list removes
    /// them). Outstanding NOTIFYs to targets no longer listed are dropped.</summary>
    public void SetTargets(DnsName zone, IEnumerable<IPEndPoint> targets)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(targets);
        IPEndPoint[] list = [.. targets.Select(Normalize).Distinct()];
        if (list.Length == 0)
            _targets.Remove(zone);
        else
            _targets[zone] = list;
        _outstanding.RemoveAll(o => o.Zone == zone && Array.IndexOf(list, o.Target) < 0);
    }

    /// <summary>Queues a NOTIFY carrying <paramref name="zone"/>'s SOA to each of its targets; see
    /// <see cref="ZoneChanged(DnsRecord, long)"/>.</summary>
    public void ZoneChanged(Zone.Zone zone, long now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ZoneChanged(zone.Soa, now);
    }

    /// <summary>Queues a NOTIFY carrying <paramref name="soa"/> to every target of its zone, due at
    /// <paramref name="now"/>, replacing any outstanding NOTIFY for the zone (RFC 1996 §3.7: the
    /// newest serial is what matters). A zone without targets is ignored.</summary>
    /// <exception cref="ArgumentException"><paramref name="soa"/> is not an SOA record.</exception>
    public void ZoneChanged(DnsRecord soa, long now)
    {
        ArgumentNullException.ThrowIfNull(soa);
        if (soa.Data is not SoaRecordData)
            throw new ArgumentException("The record is not an SOA record.", nameof(soa));
        _outstanding.RemoveAll(o => o.Zone == soa.Name);
        if (!_targets.TryGetValue(soa.Name, out IPEndPoint[]? targets))
            return;
        foreach (IPEndPoint target in targets)
            _outstanding.Add(new Outstanding(soa.Name, target, soa, _nextId()) { Due = now, Interval = _initialInterval });
    }

    /// <summary>Writes the next NOTIFY due at <paramref name="now"/> into <paramref name="destination"/>
    /// (512 bytes are always enough for a NOTIFY whose names fit the SOA) and returns true with its
    /// target; false when nothing is due. Call it until it returns false. A NOTIFY whose attempts are
    /// used up is dropped here instead of being sent.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> cannot hold the NOTIFY.</exception>
    public bool TryPoll(long now, Span<byte> destination, out int length, out IPEndPoint? target)
    {
        length = 0;
        target = null;
        for (int i = 0; i < _outstanding.Count; i++)
        {
            Outstanding o = _outstanding[i];
            if (o.Due > now)
                continue;
            if (o.Attempts == _maxAttempts)
            {
                _outstanding.RemoveAt(i--);
                GivenUp++;
                continue;
            }
            length = DnsMessageWriter.Write(NotifyMessage.Create(o.Soa, o.Id), destination, Math.Min(destination.Length, 512));
            o.Attempts++;
            o.Due = now + o.Interval;
            o.Interval *= 2;
            target = o.Target;
            return true;
        }
        return false;
    }

    /// <summary>Takes a datagram that arrived from <paramref name="from"/>: when it is the response to
    /// an outstanding NOTIFY (QR set, OPCODE 4, the same id, from the target's address and port), that
    /// NOTIFY is no longer retransmitted, whatever the response code. Returns whether it matched;
    /// anything else, malformed bytes included, is ignored.</summary>
    public bool Receive(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        ArgumentNullException.ThrowIfNull(from);
        DnsHeader header;
        try
        {
            header = new DnsMessageReader(datagram).ReadHeader();
        }
        catch (DnsFormatException)
        {
            return false;
        }
        if (!header.IsResponse || header.Opcode != NotifyMessage.Opcode)
            return false;
        IPEndPoint source = Normalize(from);
        int at = _outstanding.FindIndex(o => o.Id == header.Id && o.Target.Equals(source) && o.Attempts > 0);
        if (at < 0)
            return false;
        _outstanding.RemoveAt(at);
        return true;
    }

    /// <summary>An IPv4-mapped IPv6 endpoint as its IPv4 form, so both spellings of a target match.</summary>
    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    private sealed class Outstanding(DnsName zone, IPEndPoint target, DnsRecord soa, ushort id)
    {
        public DnsName Zone { get; } = zone;
        public IPEndPoint Target { get; } = target;
        public DnsRecord Soa { get; } = soa;
        public ushort Id { get; } = id;
        public int Attempts { get; set; }
        public long Due { get; set; }
        public long Interval { get; set; }
    }
}
