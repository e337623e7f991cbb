namespace Islet.Cli.Images;

/// <summary>
/// The sidecar <c>IMAGE.islet.json</c> that <c>islet build</c> writes next to an image: how
/// it was built, without timestamps, so the same sources give the same record.
/// </summary>
/// <param name="Format">The sidecar format version, <see cref="CurrentFormat"/>.</param>
/// <param name="Target">The target name (<c>unix</c>, ...).</param>
/// <param name="Project">The full path of the project file built.</param>
/// <param name="AssemblyName">The application's assembly name.</param>
/// <param name="RuntimeIdentifier">The .NET runtime identifier published for.</param>
/// <param name="Configuration">The build configuration (Release).</param>
/// <param name="SdkVersion">The .NET SDK version that built it (<c>dotnet --version</c>), or null.</param>
/// <param name="Source">The git state of the project's repository, or null outside git.</param>
/// <param name="Islet">The git state of the Islet repository the build imported, or null.</param>
public sealed record ImageBuildRecord(
    int Format,
    string Target,
    string Project,
    string AssemblyName,
    string RuntimeIdentifier,
    string Configuration,
    string? SdkVersion,
    GitState? Source,
    GitState? Islet)
{
    /// <summary>The format version this CLI writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The suffix added to the image path to name its sidecar.</summary>
    public const string SidecarSuffix = ".islet.json";

    /// <summary>The sidecar path of <paramref name="imagePath"/>.</summary>
    public static string SidecarPath(string imagePath) => imagePath + SidecarSuffix;
}
