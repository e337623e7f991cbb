namespace Islet.Cli.Projects;

/// <summary>The resolved PROJECT|IMAGE argument: exactly one of the two is non-null.</summary>
public sealed record ProjectOrImage(IsletProject? Project, string? ImagePath);
