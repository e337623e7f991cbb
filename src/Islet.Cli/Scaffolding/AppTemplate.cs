using System.Reflection;

namespace Islet.Cli.Scaffolding;

/// <summary>
/// An application template for <c>islet new</c>: files embedded in this assembly under
/// <c>Templates/NAME/</c>. <c>app.csproj.in</c> becomes <c>APPNAME.csproj</c>, other
/// <c>*.in</c> files lose the suffix, and <c>{{NAME}}</c> and <c>{{ISLET_ROOT}}</c> are
/// replaced in every file.
/// </summary>
public sealed class AppTemplate
{
    private const string ProjectTemplateFile = "app.csproj.in";
    private const string TemplateSuffix = ".in";

    internal AppTemplate(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The name <c>islet new</c> takes.</summary>
    public string Name { get; }

    /// <summary>One line for help.</summary>
    public string Description { get; }

    /// <summary>The files written, as paths relative to the new project's directory (with '/').</summary>
    public IReadOnlyList<string> OutputPaths(string appName) =>
        Resources().Select(r => OutputPath(r.Relative, appName)).ToList();

    /// <summary>
    /// Writes the template into <paramref name="directory"/> (created if missing) for an
    /// application named <paramref name="appName"/> that imports Islet from
    /// <paramref name="isletRoot"/>, and returns the files written (full paths).
    /// </summary>
    public IReadOnlyList<string> Write(string directory, string appName, string isletRoot)
    {
        var written = new List<string>();
        var assembly = typeof(AppTemplate).Assembly;
        foreach (var (resource, relative) in Resources())
        {
            string path = Path.Combine(directory, OutputPath(relative, appName));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            bool xml = path.EndsWith(".csproj", StringComparison.Ordinal);
            string root = xml ? System.Security.SecurityElement.Escape(isletRoot) : isletRoot;
            string text = new StreamReader(stream).ReadToEnd()
                .Replace("{{NAME}}", appName, StringComparison.Ordinal)
                .Replace("{{ISLET_ROOT}}", root, StringComparison.Ordinal);
            File.WriteAllText(path, text);
            written.Add(path);
        }
        return written;
    }

    private IEnumerable<(string Resource, string Relative)> Resources()
    {
        string prefix = $"Templates/{Name}/";
        return typeof(AppTemplate).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(r => (r, r[prefix.Length..]));
    }

    private static string OutputPath(string relative, string appName) =>
        relative == ProjectTemplateFile ? $"{appName}.csproj"
        : relative.EndsWith(TemplateSuffix, StringComparison.Ordinal) ? relative[..^TemplateSuffix.Length]
        : relative;
}
