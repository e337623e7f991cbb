namespace Islet.Store.Git.Packs;

/// <summary>Limits and choices for <see cref="PackIngester.IngestAsync"/>. Every limit refuses the pack with <see cref="GitPackError.LimitExceeded"/>.</summary>
public sealed class PackIngestOptions
{
    /// <summary>The most objects the pack header may declare (thin bases appended not counted). Default 50 million.</summary>
    public int MaxObjects { get; init; } = 50_000_000;

    /// <summary>The most bytes read from the source for one pack. Default: no limit.</summary>
    public long MaxPackBytes { get; init; } = long.MaxValue;

    /// <summary>The largest object or delta (inflated) accepted. Default 1 GiB.</summary>
    public long MaxObjectSize { get; init; } = PackFile.DefaultMaxObjectSize;

    /// <summary>Bytes of resolved objects kept to resolve deltas against (objects above a quarter of it are not kept). Default 16 MiB.</summary>
    public long DeltaCacheBytes { get; init; } = 16L << 20;

    /// <summary>The longest delta chain accepted. Default <see cref="PackFile.MaxDeltaChainDepth"/>.</summary>
    public int MaxDeltaDepth { get; init; } = PackFile.MaxDeltaChainDepth;

    /// <summary>
    /// Whether REF_DELTA bases may be objects already in the store (a thin pack, as fetch and push
    /// send); they are then appended to the pack, as <c>git index-pack --fix-thin</c> does. Default false.
    /// </summary>
    public bool AllowThin { get; init; }

    /// <summary>Called after each entry is read with (entries read, entries declared); on the ingesting thread.</summary>
    public Action<int, int>? Progress { get; init; }
}
