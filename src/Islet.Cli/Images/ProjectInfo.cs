namespace Islet.Cli.Images;

/// <summary>What <c>islet info PROJECT</c> reports.</summary>
/// <param name="Project">The project file's full path.</param>
/// <param name="Target">The target: <c>-t</c>, else the project's <c>IsletTarget</c>, else unix.</param>
/// <param name="ContentFolders">The project's <c>IsletContent</c> folders, as written.</param>
/// <param name="Image">Where <c>islet build</c> puts the image for <paramref name="Target"/> by default.</param>
/// <param name="ImageExists">True when that image has been built.</param>
public sealed record ProjectInfo(string Project, string Target, IReadOnlyList<string> ContentFolders, string Image, bool ImageExists);
