namespace Islet.Net.Icmp;

/// <summary>
/// A token bucket over explicit time (RFC 1812 §4.3.2.8 asks routers, and RFC 1122 hosts
/// by extension, to limit the rate of ICMP errors). The level is kept in nanoseconds of
/// accumulated credit, so refilling needs no division per packet.
/// </summary>
public sealed class TokenBucket
{
    private readonly long _costNs, _capacityNs;
    private long _levelNs, _last;

    /// <summary>Allows <paramref name="perSecond"/> events a second on average, up to <paramref name="burst"/> at once. Starts full.</summary>
    public TokenBucket(int perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _costNs = 1_000_000_000L / perSecond;
        _capacityNs = _costNs * burst;
        _levelNs = _capacityNs;
        _last = long.MinValue;
    }

    /// <summary>Takes one token at <paramref name="now"/>; false when the bucket is empty.</summary>
    public bool TryTake(long now)
    {
        if (_last != long.MinValue && now > _last)
            _levelNs = Math.Min(_capacityNs, _levelNs + Math.Min(now - _last, _capacityNs));
        if (_last == long.MinValue || now > _last) _last = now;
        if (_levelNs < _costNs) return false;
        _levelNs -= _costNs;
        return true;
    }
}
