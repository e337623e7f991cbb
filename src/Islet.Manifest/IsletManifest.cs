namespace Islet.Manifest;

/// <summary>
/// The manifest sealed into an Islet image: what the image needs to run and how it was built.
/// </summary>
/// <remarks>
/// <para><b>Where.</b> The manifest is the whole content of the ELF section named
/// <see cref="SectionName"/> (not loaded, read-only): UTF-8 JSON as written by
/// <see cref="ManifestJson.Serialize"/>, camelCase names, no byte-order mark, no trailing NUL.</para>
/// <para><b>Versions.</b> <see cref="Format"/> is <see cref="CurrentFormat"/>. A reader refuses
/// other versions; a new version is needed for any change a version-1 reader would misread.
/// Readers ignore unknown properties, so adding an optional property keeps the version.</para>
/// <para><b>The image hash rule.</b> <see cref="ImageSha256"/> is the SHA-256 of the whole image
/// file in which the 64 characters of that field's value are all ASCII <c>'0'</c>. The sealer
/// embeds the manifest with the value <see cref="HashPlaceholder"/>, hashes the file, and
/// overwrites the placeholder in place with the hash (same length, so nothing moves). To verify,
/// take the file, set those 64 bytes back to <c>'0'</c> at the same offset, hash and compare
/// (<see cref="ImageHash"/>, <see cref="EmbeddedManifest"/>). The value is 64 lower-case hex
/// characters; it is the only <c>imageSha256</c> property of the top-level object.</para>
/// <para><b>Determinism.</b> Nothing in the manifest depends on when or in which temporary
/// directory the image was built: two builds of the same commit in the same checkout give the
/// same manifest.</para>
/// </remarks>
/// <param name="Format">The format version, <see cref="CurrentFormat"/>.</param>
/// <param name="Application">The application's name (its assembly name).</param>
/// <param name="Target">The Islet target the image was built for (<c>spt</c>, <c>hvt</c>, <c>unix</c>, ...).</param>
/// <param name="Devices">The devices the image needs, in fd order (<see cref="ManifestDevice"/>).</param>
/// <param name="MemoryMiB">The memory the image wants, in MiB (at least 1).</param>
/// <param name="ImageSha256">The image's SHA-256 by the hash rule above, lower-case hex.</param>
/// <param name="Provenance">How the image was built.</param>
public sealed record IsletManifest(
    int Format,
    string Application,
    string Target,
    IReadOnlyList<ManifestDevice> Devices,
    int MemoryMiB,
    string ImageSha256,
    ManifestProvenance Provenance)
{
    /// <summary>The format version this assembly reads and writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The ELF section holding the manifest.</summary>
    public const string SectionName = ".islet.manifest";

    /// <summary>The JSON name of the hash field.</summary>
    public const string HashPropertyName = "imageSha256";

    /// <summary>The value of <see cref="ImageSha256"/> before the image is hashed: 64 <c>'0'</c>.</summary>
    public static readonly string HashPlaceholder = new('0', ImageHash.HexLength);
}
