namespace Islet.Tests.Shared;

/// <summary>A fact that runs only where a host tool is on PATH (dig, kdig, nsupdate, knotd, ...);
/// elsewhere it is skipped with the reason and the Debian package that provides it.</summary>
public sealed class ToolFactAttribute : Xunit.FactAttribute
{
    public ToolFactAttribute(string tool, string package)
    {
        if (Find(tool) is null) Skip = $"needs {tool} on PATH (apt-get install {package}; ./scripts/setup --tests installs it)";
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH (or in /usr/sbin, /sbin), or null.</summary>
    public static string? Find(string tool)
    {
        string path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool))
            .FirstOrDefault(File.Exists);
    }
}
