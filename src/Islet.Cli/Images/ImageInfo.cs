using System.Text.Json.Serialization;
using Islet.Manifest;

namespace Islet.Cli.Images;

/// <summary>
/// What <c>islet info IMAGE</c> reports: the file, its build record (sidecar) when present,
/// and its sealed manifest with the result of verifying the image's hash when it has one.
/// </summary>
/// <param name="Path">The image's full path.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The SHA-256 of its contents, lower-case hex.</param>
/// <param name="Build">The sidecar's contents, or null when there is none.</param>
/// <param name="Manifest">The manifest in the image's <c>.islet.manifest</c> section; null (and left out of JSON) when it has none.</param>
/// <param name="Verified">With a manifest: true when the image's hash by the manifest's rule equals the hash it states; otherwise null.</param>
public sealed record ImageInfo(
    string Path,
    long Size,
    string Sha256,
    ImageBuildRecord? Build,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IsletManifest? Manifest = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Verified = null)
{
    private static ReadOnlySpan<byte> ElfMagic => "\u007fELF"u8;

    /// <summary>
    /// Reads the image at <paramref name="imagePath"/>, its manifest section and its sidecar.
    /// Throws a failure <see cref="CliException"/> when either cannot be read, the image is an
    /// ELF file with a malformed header or manifest, or the sidecar is malformed. A file that is
    /// not ELF has no manifest.
    /// </summary>
    public static ImageInfo Read(string imagePath)
    {
        byte[] image;
        try
        {
            image = File.ReadAllBytes(imagePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Failure($"cannot read image {imagePath}: {e.Message}");
        }
        string sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image));
        EmbeddedManifest? embedded = null;
        if (image.AsSpan().StartsWith(ElfMagic))
        {
            try
            {
                embedded = EmbeddedManifest.Read(image);
            }
            catch (ManifestFormatException e)
            {
                throw CliException.Failure($"{imagePath}: {e.Message}");
            }
        }
        return new ImageInfo(imagePath, image.LongLength, sha256, ImageSidecar.TryRead(imagePath), embedded?.Manifest, embedded?.Verified);
    }
}
