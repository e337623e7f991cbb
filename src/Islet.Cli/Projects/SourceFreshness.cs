namespace Islet.Cli.Projects;

/// <summary>
/// Decides whether an image is older than its project's sources: any file under the project
/// directory, except <c>bin/</c>, <c>obj/</c>, hidden entries and symbolic links, written after the image.
/// Sources outside the project directory (the Islet libraries) are not checked; use
/// <c>islet run --build</c> after changing them.
/// </summary>
public static class SourceFreshness
{
    /// <summary>True when <paramref name="imagePath"/> is missing or older than a source of <paramref name="project"/>.</summary>
    public static bool NeedsBuild(IsletProject project, string imagePath)
    {
        if (!File.Exists(imagePath)) return true;
        DateTime built = File.GetLastWriteTimeUtc(imagePath);
        return EnumerateSources(new DirectoryInfo(project.ProjectDirectory), top: true)
            .Any(file => file.LastWriteTimeUtc > built);
    }

    private static IEnumerable<FileInfo> EnumerateSources(DirectoryInfo directory, bool top)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.') || entry.LinkTarget is not null) continue;
            if (entry is FileInfo file)
            {
                yield return file;
            }
            else if (entry is DirectoryInfo child && !(top && (child.Name is "bin" or "obj")))
            {
                foreach (var nested in EnumerateSources(child, top: false)) yield return nested;
            }
        }
    }
}
