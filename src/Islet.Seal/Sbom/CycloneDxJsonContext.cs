using System.Text.Json.Serialization;

namespace Islet.Seal.Sbom;

/// <summary>Source-generated JSON for the BOM: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CycloneDxBom))]
public sealed partial class CycloneDxJsonContext : JsonSerializerContext;
