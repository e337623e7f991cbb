namespace Islet.Seal.Sbom;

/// <summary>The tools that wrote the BOM.</summary>
public sealed record CycloneDxTools(IReadOnlyList<CycloneDxComponent> Components);
