namespace Islet.Seal.Sbom;

/// <summary>A name/value property (names prefixed <c>islet:</c>).</summary>
public sealed record CycloneDxProperty(string Name, string Value);
