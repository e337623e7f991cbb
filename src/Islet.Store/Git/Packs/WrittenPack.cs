namespace Islet.Store.Git.Packs;

/// <summary>What <see cref="PackWriter.WriteTo"/> put on disk.</summary>
/// <param name="PackPath">The <c>pack-NAME.pack</c> file.</param>
/// <param name="IndexPath">The <c>pack-NAME.idx</c> file beside it.</param>
/// <param name="Name">NAME: the lowercase hex of the pack's trailing checksum, as Git names packs.</param>
/// <param name="ObjectCount">How many objects the pack holds.</param>
/// <param name="DeltaCount">How many of them are stored as OFS_DELTA entries.</param>
public sealed record WrittenPack(string PackPath, string IndexPath, string Name, int ObjectCount, int DeltaCount);
