namespace Islet.Seal.Sbom;

// The subset of CycloneDX 1.5 JSON (https://cyclonedx.org/docs/1.5/json/) the sealer writes.

/// <summary>A CycloneDX 1.5 bill of materials.</summary>
public sealed record CycloneDxBom(
    string BomFormat,
    string SpecVersion,
    string SerialNumber,
    int Version,
    CycloneDxMetadata Metadata,
    IReadOnlyList<CycloneDxComponent> Components);
