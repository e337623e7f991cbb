namespace Islet.Store.Git.Gc;

/// <summary>What one <see cref="GitGarbageCollector.Collect"/> did.</summary>
/// <param name="PackName">The new pack's name (hex checksum), or null when there was nothing to pack.</param>
/// <param name="PackedObjects">Objects in the new pack: the reachable ones.</param>
/// <param name="RemovedLooseObjects">Loose files removed (now packed, or unreachable and older than the grace period).</param>
/// <param name="RemovedPacks">Old packs removed.</param>
/// <param name="KeptUnreachable">Unreachable objects kept (as loose objects) because they are younger than the grace period.</param>
public sealed record GitGcResult(string? PackName, int PackedObjects, int RemovedLooseObjects, int RemovedPacks, int KeptUnreachable);
