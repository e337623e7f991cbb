using Islet.Store.Git.Packs;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>A pack record in the log: where it is and its index (kept in memory).</summary>
internal sealed record StoredPack(long RecordOffset, long RecordLength, int PackLength, PackIndex Index);
