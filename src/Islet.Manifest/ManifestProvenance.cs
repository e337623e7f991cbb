namespace Islet.Manifest;

/// <summary>How the image was built: its sources, packages, tools and the build settings that change the code.</summary>
/// <param name="Repositories">The source repositories, the application's first; one entry when it is also the Islet repository.</param>
/// <param name="Packages">Every package in the build's closure, ordered by id (ordinal, case-insensitive), then version.</param>
/// <param name="SdkVersion">The .NET SDK's version (<c>$(NETCoreSdkVersion)</c>).</param>
/// <param name="IlCompilerVersion">The NativeAOT compiler package's version; null for a build without it.</param>
/// <param name="TargetFramework">The target framework (<c>net9.0</c>).</param>
/// <param name="RuntimeIdentifier">The runtime identifier (<c>linux-x64</c>).</param>
/// <param name="Properties">
/// The build properties that matter (Configuration, PublishAot, StaticExecutable,
/// InvariantGlobalization, OptimizationPreference, IsletTarget and every
/// <c>@(IsletManifestProperty)</c>), by name in ordinal order; unset properties are left out.
/// </param>
public sealed record ManifestProvenance(
    IReadOnlyList<SourceRepository> Repositories,
    IReadOnlyList<ManifestPackage> Packages,
    string? SdkVersion,
    string? IlCompilerVersion,
    string TargetFramework,
    string RuntimeIdentifier,
    IReadOnlyDictionary<string, string> Properties);
