using System.Text.Json.Serialization;

namespace Islet.Cli.Images;

/// <summary>JSON for sidecars and <c>islet info --json</c>: camelCase, indented, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ImageBuildRecord))]
[JsonSerializable(typeof(ImageInfo))]
[JsonSerializable(typeof(ProjectInfo))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
