namespace Islet.Seal.Sbom;

/// <summary>The BOM's subject (the image) and the tool that wrote it.</summary>
public sealed record CycloneDxMetadata(string? Timestamp, CycloneDxTools Tools, CycloneDxComponent Component);
