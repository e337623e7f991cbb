namespace Islet.Store.Git.Packs;

/// <summary>What <see cref="PackIngester.IngestAsync"/> stored.</summary>
/// <param name="ObjectCount">Objects in the stored pack, thin bases included.</param>
/// <param name="ThinBasesAppended">Objects taken from the store and appended to complete a thin pack.</param>
/// <param name="PackChecksum">The stored pack's trailing checksum (which names it: <c>pack-HEX.pack</c>); differs from the received one when bases were appended.</param>
/// <param name="PackLength">The stored pack's length in bytes.</param>
public sealed record PackIngestResult(int ObjectCount, int ThinBasesAppended, ReadOnlyMemory<byte> PackChecksum, long PackLength);
