namespace Islet.Store;

/// <summary>How a <see cref="Store{T}"/> behaves; the defaults suit most uses.</summary>
public sealed record StoreOptions
{
    /// <summary>The clock for commit times when <see cref="CommitInfo.Time"/> is null, and for watch polling. Default: the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How many times a commit re-reads and merges after losing a compare-and-swap race before failing with <see cref="StoreError.TooManyRetries"/>.</summary>
    public int MaxRetries { get; init; } = 32;

    /// <summary>How often watches re-read their branch's ref to notice other processes (and git itself); null: never poll (changes made through this backend instance are delivered at once anyway).</summary>
    public TimeSpan? WatchPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many parsed trees and commits to keep, by id (they are immutable, so the cache is never stale).</summary>
    public int CacheSize { get; init; } = 100_000;
}
