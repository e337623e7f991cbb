using System.Xml.Linq;

namespace Islet.Cli.Projects;

/// <summary>
/// An application project as the CLI sees it, read from the project file's XML without
/// evaluating MSBuild: its name, assembly name, declared <c>IsletTarget</c> and
/// <c>IsletContent</c> folders. Properties set by conditions or imports are not seen;
/// literal values in the project file are.
/// </summary>
public sealed class IsletProject
{
    private IsletProject(string projectPath, string? assemblyName, string? declaredTarget, IReadOnlyList<string> contentFolders)
    {
        ProjectPath = projectPath;
        Name = Path.GetFileNameWithoutExtension(projectPath);
        AssemblyName = string.IsNullOrWhiteSpace(assemblyName) ? Name : assemblyName.Trim();
        DeclaredTarget = string.IsNullOrWhiteSpace(declaredTarget) ? null : declaredTarget.Trim();
        ContentFolders = contentFolders;
    }

    /// <summary>The full path of the project file.</summary>
    public string ProjectPath { get; }

    /// <summary>The directory holding the project file.</summary>
    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    /// <summary>The project file's name without extension.</summary>
    public string Name { get; }

    /// <summary>The <c>AssemblyName</c> property, or <see cref="Name"/>.</summary>
    public string AssemblyName { get; }

    /// <summary>The literal <c>IsletTarget</c> the project sets, or null (the build default is unix).</summary>
    public string? DeclaredTarget { get; }

    /// <summary>The <c>Include</c> values of the project's <c>IsletContent</c> items, in order.</summary>
    public IReadOnlyList<string> ContentFolders { get; }

    /// <summary>The default output directory for <paramref name="target"/>: <c>PROJECTDIR/bin/islet/TARGET</c>.</summary>
    public string DefaultOutputDirectory(string target) => Path.Combine(ProjectDirectory, "bin", "islet", target);

    /// <summary>
    /// Reads the project file at <paramref name="projectPath"/> (a full path). Throws a
    /// failure <see cref="CliException"/> when it cannot be read or is not XML.
    /// </summary>
    public static IsletProject Load(string projectPath)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(projectPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            throw CliException.Failure($"cannot read project {projectPath}: {e.Message}");
        }
        var elements = document.Root?.Descendants().ToList() ?? [];
        // Unconditional properties only: a condition needs MSBuild to evaluate.
        string? Property(string name) => elements.LastOrDefault(e =>
            e.Name.LocalName == name && e.Attribute("Condition") is null &&
            e.Parent is { Name.LocalName: "PropertyGroup" } group && group.Attribute("Condition") is null)?.Value;
        var content = elements
            .Where(e => e.Name.LocalName == "IsletContent")
            .SelectMany(e => (e.Attribute("Include")?.Value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        return new IsletProject(projectPath, Property("AssemblyName"), Property("IsletTarget"), content);
    }
}
