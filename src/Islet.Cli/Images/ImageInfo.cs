namespace Islet.Cli.Images;

/// <summary>What <c>islet info IMAGE</c> reports: the file and, when present, its build record.</summary>
/// <param name="Path">The image's full path.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The SHA-256 of its contents, lower-case hex.</param>
/// <param name="Build">The sidecar's contents, or null when there is none.</param>
public sealed record ImageInfo(string Path, long Size, string Sha256, ImageBuildRecord? Build)
{
    /// <summary>
    /// Reads the image at <paramref name="imagePath"/> and its sidecar. Throws a failure
    /// <see cref="CliException"/> when either cannot be read or the sidecar is malformed.
    /// </summary>
    public static ImageInfo Read(string imagePath)
    {
        try
        {
            using var stream = File.OpenRead(imagePath);
            byte[] hash = System.Security.Cryptography.SHA256.HashData(stream);
            return new ImageInfo(imagePath, stream.Length, Convert.ToHexStringLower(hash), ImageSidecar.TryRead(imagePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Failure($"cannot read image {imagePath}: {e.Message}");
        }
    }
}
