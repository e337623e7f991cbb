namespace Islet.Cli.Projects;

/// <summary>
/// Resolves the PROJECT or IMAGE argument of a command. A directory means the single project
/// file in it; a <c>*.csproj</c> file is a project; any other existing file is an image; no
/// argument means the current directory. Every failure is a usage <see cref="CliException"/>.
/// </summary>
public static class InputLocator
{
    /// <summary>Resolves a project (the argument must not name an image).</summary>
    public static IsletProject FindProject(string? argument, CliEnvironment environment)
    {
        var input = Find(argument, environment);
        return input.Project ?? throw CliException.Usage($"{input.ImagePath} is not a project (a directory or a .csproj file)");
    }

    /// <summary>Resolves a project or an image.</summary>
    public static ProjectOrImage Find(string? argument, CliEnvironment environment)
    {
        string path = environment.FullPath(string.IsNullOrEmpty(argument) ? "." : argument);
        if (Directory.Exists(path))
        {
            return new ProjectOrImage(IsletProject.Load(SingleProjectIn(path)), null);
        }
        if (!File.Exists(path))
        {
            throw CliException.Usage($"no such project or image: {argument}");
        }
        return IsProjectFile(path)
            ? new ProjectOrImage(IsletProject.Load(path), null)
            : new ProjectOrImage(null, path);
    }

    private static bool IsProjectFile(string path) => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);

    private static string SingleProjectIn(string directory)
    {
        var projects = Directory.GetFiles(directory, "*.csproj");
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw CliException.Usage($"no project (*.csproj) in {directory}"),
            _ => throw CliException.Usage($"more than one project in {directory}; name one of {string.Join(", ", projects.Select(Path.GetFileName).Order(StringComparer.Ordinal))}"),
        };
    }
}
