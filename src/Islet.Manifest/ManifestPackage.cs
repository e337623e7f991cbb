namespace Islet.Manifest;

/// <summary>A NuGet package in the build's closure (restored for the application, or downloaded for its runtime and compiler).</summary>
/// <param name="Id">The package id, as the restore wrote it (<c>System.IO.Pipelines</c>).</param>
/// <param name="Version">The exact version restored.</param>
/// <param name="Sha512">The SHA-512 of the <c>.nupkg</c>, 128 lower-case hex characters; null when the restore recorded none.</param>
public sealed record ManifestPackage(string Id, string Version, string? Sha512);
