namespace Islet.Crunch;

/// <summary>
/// A content folder cannot be baked: a file name is not a valid key, a file cannot be read,
/// or the content is too large. The message is one line naming the file.
/// </summary>
public sealed class ContentFolderException(string path, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The file or directory at fault.</summary>
    public string Path { get; } = path;
}
