namespace Islet.Seal.Sbom;

/// <summary>A hash: <c>SHA-256</c> or <c>SHA-512</c>, hex content.</summary>
public sealed record CycloneDxHash(string Alg, string Content);
