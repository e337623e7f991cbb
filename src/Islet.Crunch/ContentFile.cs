namespace Islet.Crunch;

/// <summary>A file found in a content folder.</summary>
/// <param name="Key">Its key: the path relative to the folder, with <c>/</c> separators.</param>
/// <param name="FullPath">Where it is on disk.</param>
/// <param name="LastWriteTimeUtc">Its modification time.</param>
public sealed record ContentFile(string Key, string FullPath, DateTime LastWriteTimeUtc);
