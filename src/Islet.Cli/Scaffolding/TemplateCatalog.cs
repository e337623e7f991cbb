namespace Islet.Cli.Scaffolding;

/// <summary>The templates <c>islet new</c> offers.</summary>
public static class TemplateCatalog
{
    /// <summary>Every template, in the order help lists them.</summary>
    public static IReadOnlyList<AppTemplate> All { get; } =
    [
        new AppTemplate("www", "a static web site: HTTP on port 80 serving the baked 'site' folder"),
        new AppTemplate("tcp-echo", "a TCP echo server on port 7"),
    ];

    /// <summary>The template named <paramref name="name"/>, or null.</summary>
    public static AppTemplate? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
