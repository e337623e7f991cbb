using System.Text.Json.Serialization;

namespace Islet.Manifest;

/// <summary>Source-generated JSON for the manifest: camelCase, indented, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IsletManifest))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;
