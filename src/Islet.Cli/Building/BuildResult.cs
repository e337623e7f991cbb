namespace Islet.Cli.Building;

/// <summary>A successful build: the image and its size in bytes.</summary>
public sealed record BuildResult(string ImagePath, long Size);
