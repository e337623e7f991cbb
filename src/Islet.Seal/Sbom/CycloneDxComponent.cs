using System.Text.Json.Serialization;

namespace Islet.Seal.Sbom;

/// <summary>A component: the image, a package or a source repository.</summary>
public sealed record CycloneDxComponent(
    string Type,
    [property: JsonPropertyName("bom-ref")] string? BomRef,
    string Name,
    string? Version,
    string? Purl = null,
    IReadOnlyList<CycloneDxHash>? Hashes = null,
    IReadOnlyList<CycloneDxProperty>? Properties = null);
