using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.Net.Arp;

/// <summary>
/// The neighbour cache of RFC 826 with the timers of RFC 1122 §2.3.2.1, sans-IO: it never
/// reads a clock or sends anything. The interface asks <see cref="Lookup"/> before sending,
/// queues frames with <see cref="Enqueue"/> while a resolution is pending, sends the requests
/// <see cref="TryTakeDueRequest"/> hands out, feeds what it hears to <see cref="Learn"/> and
/// sends the frames <see cref="TryPeekReady"/> returns once their destination resolves.
/// </summary>
/// <remarks>
/// Storage (entries and queued frames) is allocated once, from <see cref="ArpCacheOptions"/>.
/// Queued frames are whole Ethernet frames whose destination address is written in place when
/// the reply arrives. An entry past its reachable time is not dropped at once: it stays in use
/// while it is revalidated by unicast requests (RFC 1122 §2.3.2.1, "unicast poll"), and is
/// deleted only when <see cref="ArpCacheOptions.MaxRequests"/> of them go unanswered, so a
/// busy flow does not stall every minute. RFC 1122 §2.3.2.2 asks to keep at least the latest packet per destination;
/// this cache keeps up to <see cref="ArpCacheOptions.QueuePerDestination"/> and drops the oldest.
/// </remarks>
public sealed class ArpCache
{
    private const byte Free = 0, Pending = 1, Reachable = 2, Probing = 3;

    private readonly ArpCacheOptions _options;
    private readonly long _reachableNs, _retryNs;
    private readonly Ipv4Address[] _ips;
    private readonly MacAddress[] _macs;
    private readonly byte[] _states;
    private readonly long[] _deadlines;
    private readonly int[] _requests;

    private readonly byte[][] _frames;
    private readonly int[] _frameLengths;        // 0 = slot free
    private readonly Ipv4Address[] _frameTargets;
    private readonly long[] _frameSequence;
    private readonly bool[] _frameReady;
    private long _nextSequence;
    private int _queued, _readyCount, _peeked = -1;

    /// <summary>Creates the cache with all its storage.</summary>
    public ArpCache(ArpCacheOptions? options = null, ArpCounters? counters = null)
    {
        _options = options ?? new ArpCacheOptions();
        _options.Validate();
        Counters = counters ?? new ArpCounters();
        _reachableNs = (long)_options.ReachableTime.TotalNanoseconds;
        _retryNs = (long)_options.RetryInterval.TotalNanoseconds;
        int n = _options.Capacity;
        _ips = new Ipv4Address[n];
        _macs = new MacAddress[n];
        _states = new byte[n];
        _deadlines = new long[n];
        _requests = new int[n];
        int q = _options.QueueTotal;
        _frames = new byte[q][];
        for (int i = 0; i < q; i++) _frames[i] = new byte[_options.MaxFrameLength];
        _frameLengths = new int[q];
        _frameTargets = new Ipv4Address[q];
        _frameSequence = new long[q];
        _frameReady = new bool[q];
    }

    /// <summary>The counters this cache updates.</summary>
    public ArpCounters Counters { get; }

    /// <summary>Frames waiting for resolution or for the device.</summary>
    public int QueuedFrames => _queued;

    /// <summary>
    /// Finds the hardware address of <paramref name="ip"/>. When it is unknown, starts a
    /// resolution (the request goes out at the next <see cref="TryTakeDueRequest"/>); when it
    /// has expired, returns it and starts revalidating it.
    /// </summary>
    public ArpLookupResult Lookup(Ipv4Address ip, long now, out MacAddress mac)
    {
        mac = default;
        int i = Find(ip);
        if (i >= 0 && _states[i] is Reachable or Probing)
        {
            if (_states[i] == Reachable && now >= _deadlines[i])
            {
                _states[i] = Probing;
                _deadlines[i] = now;
                _requests[i] = 0;
            }
            mac = _macs[i];
            return ArpLookupResult.Resolved;
        }
        if (i >= 0 && _states[i] == Pending) return ArpLookupResult.Pending;
        if (i < 0 && (i = Allocate()) < 0) return ArpLookupResult.NoResources;
        _ips[i] = ip;
        _states[i] = Pending;
        _deadlines[i] = now;
        _requests[i] = 0;
        return ArpLookupResult.Pending;
    }

    /// <summary>True with the address if <paramref name="ip"/> is resolved and fresh; no side effects.</summary>
    public bool TryGet(Ipv4Address ip, long now, out MacAddress mac)
    {
        int i = Find(ip);
        bool ok = i >= 0 && _states[i] == Reachable && now < _deadlines[i];
        mac = ok ? _macs[i] : default;
        return ok;
    }

    /// <summary>
    /// Queues a whole Ethernet frame for <paramref name="ip"/>, which must be pending. Drops the
    /// oldest frame for that destination, or the oldest of all, when a limit is reached.
    /// </summary>
    /// <returns>False (counted) if the frame is too long or <paramref name="ip"/> is not pending.</returns>
    public bool Enqueue(Ipv4Address ip, ReadOnlySpan<byte> frame)
    {
        int e = Find(ip);
        if (e < 0 || _states[e] != Pending || frame.Length > _options.MaxFrameLength || frame.Length < 14)
        {
            Counters.QueueRejected++;
            return false;
        }
        int forTarget = 0, oldestForTarget = -1, oldest = -1, free = -1;
        for (int s = 0; s < _frames.Length; s++)
        {
            if (_frameLengths[s] == 0) { free = free < 0 ? s : free; continue; }
            if (s == _peeked) continue;
            if (oldest < 0 || _frameSequence[s] < _frameSequence[oldest]) oldest = s;
            if (_frameTargets[s] == ip)
            {
                forTarget++;
                if (oldestForTarget < 0 || _frameSequence[s] < _frameSequence[oldestForTarget]) oldestForTarget = s;
            }
        }
        int slot = forTarget >= _options.QueuePerDestination ? oldestForTarget : free >= 0 ? free : oldest;
        if (slot < 0) { Counters.QueueRejected++; return false; }
        if (_frameLengths[slot] != 0) { Counters.QueueOverflow++; ReleaseSlot(slot); }
        frame.CopyTo(_frames[slot]);
        _frameLengths[slot] = frame.Length;
        _frameTargets[slot] = ip;
        _frameSequence[slot] = _nextSequence++;
        _frameReady[slot] = false;
        _queued++;
        return true;
    }

    /// <summary>
    /// Records that <paramref name="ip"/> is at <paramref name="mac"/>. Updates an existing entry
    /// (RFC 826's merge step) and creates one only when <paramref name="create"/> is set (the
    /// packet was addressed to us). Frames queued for <paramref name="ip"/> become ready.
    /// </summary>
    public void Learn(Ipv4Address ip, MacAddress mac, long now, bool create)
    {
        int i = Find(ip);
        if (i < 0)
        {
            if (!create || (i = Allocate()) < 0) return;
            _ips[i] = ip;
        }
        _macs[i] = mac;
        _states[i] = Reachable;
        _deadlines[i] = now + _reachableNs;
        _requests[i] = 0;
        for (int s = 0; s < _frames.Length; s++)
        {
            if (_frameLengths[s] == 0 || _frameReady[s] || _frameTargets[s] != ip) continue;
            mac.WriteTo(_frames[s]);
            _frameReady[s] = true;
            _readyCount++;
        }
    }

    /// <summary>
    /// Hands out the next request that is due: a new resolution or a retry (to
    /// <paramref name="destination"/> = broadcast), or a revalidation (unicast to the known
    /// address). Entries that used up <see cref="ArpCacheOptions.MaxRequests"/> are deleted here
    /// and their queued frames dropped (counted).
    /// </summary>
    public bool TryTakeDueRequest(long now, out Ipv4Address target, out MacAddress destination)
    {
        for (int i = 0; i < _states.Length; i++)
        {
            if (_states[i] is not (Pending or Probing) || _deadlines[i] > now) continue;
            if (_requests[i] >= _options.MaxRequests)
            {
                Counters.ResolutionFailures++;
                DropQueued(_ips[i]);
                _states[i] = Free;
                continue;
            }
            _requests[i]++;
            _deadlines[i] = now + _retryNs;
            target = _ips[i];
            destination = _states[i] == Probing ? _macs[i] : MacAddress.Broadcast;
            return true;
        }
        target = default;
        destination = default;
        return false;
    }

    /// <summary>
    /// The oldest queued frame whose destination has resolved (its Ethernet destination already
    /// written), or false. The span stays valid until <see cref="ReleaseReady"/>.
    /// </summary>
    public bool TryPeekReady(out Span<byte> frame)
    {
        frame = default;
        if (_readyCount == 0) return false;
        int best = -1;
        for (int s = 0; s < _frames.Length; s++)
            if (_frameLengths[s] != 0 && _frameReady[s] && (best < 0 || _frameSequence[s] < _frameSequence[best])) best = s;
        if (best < 0) return false;
        _peeked = best;
        frame = _frames[best].AsSpan(0, _frameLengths[best]);
        return true;
    }

    /// <summary>Frees the frame returned by the last <see cref="TryPeekReady"/> (it was sent).</summary>
    public void ReleaseReady()
    {
        if (_peeked < 0) return;
        ReleaseSlot(_peeked);
        _peeked = -1;
    }

    /// <summary>When the cache next needs a call to <see cref="TryTakeDueRequest"/>, or <see cref="long.MaxValue"/>.</summary>
    public long NextDeadline()
    {
        long next = long.MaxValue;
        for (int i = 0; i < _states.Length; i++)
            if (_states[i] is Pending or Probing && _deadlines[i] < next) next = _deadlines[i];
        return next;
    }

    private int Find(Ipv4Address ip)
    {
        for (int i = 0; i < _ips.Length; i++)
            if (_states[i] != Free && _ips[i] == ip) return i;
        return -1;
    }

    /// <summary>A free entry, else a resolved one (being revalidated, or expiring first); -1 if all are pending.</summary>
    private int Allocate()
    {
        int victim = -1;
        for (int i = 0; i < _states.Length; i++)
        {
            if (_states[i] == Free) return i;
            if (_states[i] == Probing) victim = i;
            else if (_states[i] == Reachable && (victim < 0 || (_states[victim] == Reachable && _deadlines[i] < _deadlines[victim]))) victim = i;
        }
        if (victim >= 0) _states[victim] = Free;
        return victim;
    }

    private void DropQueued(Ipv4Address ip)
    {
        for (int s = 0; s < _frames.Length; s++)
        {
            if (_frameLengths[s] == 0 || _frameTargets[s] != ip || s == _peeked) continue;
            Counters.QueueDroppedUnresolved++;
            ReleaseSlot(s);
        }
    }

    private void ReleaseSlot(int s)
    {
        if (_frameReady[s]) _readyCount--;
        _frameReady[s] = false;
        _frameLengths[s] = 0;
        _queued--;
    }
}
