using System.Text.Json.Serialization;

namespace Islet.Cli.Images;

/// <summary>JSON for sidecars, run records and <c>islet info --json</c>: camelCase, indented, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ImageBuildRecord))]
[JsonSerializable(typeof(ImageInfo))]
[JsonSerializable(typeof(ProjectInfo))]
[JsonSerializable(typeof(Runs.RunRecord))]
[JsonSerializable(typeof(IReadOnlyList<Runs.RunListing>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
