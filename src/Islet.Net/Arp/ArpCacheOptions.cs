namespace Islet.Net.Arp;

/// <summary>Limits and timers of an <see cref="ArpCache"/>. All storage is sized from these at construction.</summary>
public sealed record ArpCacheOptions
{
    /// <summary>How many neighbours the cache holds (resolved and pending together).</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>How long a learnt address stays usable without being refreshed (RFC 1122 §2.3.2.1 asks for a timeout).</summary>
    public TimeSpan ReachableTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Interval between requests for an unresolved address (RFC 1122 §2.3.2.1: at most one per second).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests sent before giving up and dropping the queued packets.</summary>
    public int MaxRequests { get; init; } = 3;

    /// <summary>Frames queued per unresolved destination; the oldest is dropped beyond it.</summary>
    public int QueuePerDestination { get; init; } = 16;

    /// <summary>Frames queued for all destinations together; the oldest is dropped beyond it.</summary>
    public int QueueTotal { get; init; } = 64;

    /// <summary>The largest frame a queue slot holds (MTU + 14).</summary>
    public int MaxFrameLength { get; init; } = 1514;

    internal void Validate()
    {
        if (Capacity < 1 || MaxRequests < 1 || QueuePerDestination < 1 || QueueTotal < 1 || MaxFrameLength < 14
            || ReachableTime <= TimeSpan.Zero || RetryInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ArpCacheOptions), "ARP cache limits must be positive.");
    }
}
