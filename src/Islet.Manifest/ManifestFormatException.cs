namespace Islet.Manifest;

/// <summary>
/// The one error of this assembly's readers: an ELF file, a manifest section or a manifest's
/// JSON is malformed, truncated or of an unknown format version. The message says what and
/// where; no other exception escapes a reader for any input.
/// </summary>
public sealed class ManifestFormatException : Exception
{
    /// <summary>Creates the error with its one-line <paramref name="message"/>.</summary>
    public ManifestFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the error with its one-line <paramref name="message"/> and the error underneath.</summary>
    public ManifestFormatException(string message, Exception inner) : base(message, inner)
    {
    }
}
