namespace Islet.Net.Arp;

/// <summary>The outcome of <see cref="ArpCache.Lookup"/>.</summary>
public enum ArpLookupResult
{
    /// <summary>The hardware address is known and fresh.</summary>
    Resolved,
    /// <summary>A request is (or will be) outstanding: queue the frame with <see cref="ArpCache.Enqueue"/>.</summary>
    Pending,
    /// <summary>Every entry is pending resolution; nothing can be queued.</summary>
    NoResources,
}
