namespace Islet.Cli.Projects;

/// <summary>
/// Finds the Islet root: the directory whose <c>build/Islet.props</c> and
/// <c>build/Islet.targets</c> new projects import. <c>ISLET_ROOT</c> wins; otherwise the
/// nearest ancestor of the <c>islet</c> assembly's directory that holds <c>build/Islet.targets</c>.
/// </summary>
public static class IsletRootLocator
{
    /// <summary>The environment variable that names the Islet root.</summary>
    public const string VariableName = "ISLET_ROOT";

    /// <summary>
    /// The Islet root as a full path ending in a directory separator. Throws a failure
    /// <see cref="CliException"/> when <c>ISLET_ROOT</c> is wrong or no root is found.
    /// </summary>
    public static string Find(CliEnvironment environment, string? startDirectory = null)
    {
        string? fromVariable = environment.GetVariable(VariableName);
        if (!string.IsNullOrEmpty(fromVariable))
        {
            string root = environment.FullPath(fromVariable);
            return IsRoot(root)
                ? WithSeparator(root)
                : throw CliException.Failure($"{VariableName}={fromVariable} has no build/Islet.targets");
        }
        for (var directory = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (IsRoot(directory.FullName)) return WithSeparator(directory.FullName);
        }
        throw CliException.Failure($"cannot find the Islet root (a directory with build/Islet.targets); set {VariableName}");
    }

    private static bool IsRoot(string directory) => File.Exists(Path.Combine(directory, "build", "Islet.targets"));

    private static string WithSeparator(string directory) =>
        Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
}
