using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Islet.Manifest;

namespace Islet.Seal.Sbom;

/// <summary>
/// Builds the CycloneDX 1.5 SBOM written beside a sealed image (<c>IMAGE.cdx.json</c>):
/// the image as metadata.component, every package as a <c>pkg:nuget</c> component and every
/// source repository as a component whose version is its commit. Deterministic: the serial
/// number is derived from the image's hash, and the timestamp is SOURCE_DATE_EPOCH or absent.
/// </summary>
public static class SbomBuilder
{
    /// <summary>The SBOM's JSON file name suffix.</summary>
    public const string FileSuffix = ".cdx.json";

    /// <summary>
    /// The BOM for a sealed image. <paramref name="fileSha256"/> is the SHA-256 of the whole
    /// sealed file (what <c>sha256sum</c> prints); the manifest's own hash, taken by the
    /// placeholder rule, is recorded as the property <c>islet:manifest-sha256</c>.
    /// <paramref name="sourceDateEpoch"/> (seconds), when given, becomes the timestamp.
    /// </summary>
    public static CycloneDxBom Build(IsletManifest manifest, string? version, string fileSha256, long? sourceDateEpoch)
    {
        var image = new CycloneDxComponent("application", "image", manifest.Application, version,
            Hashes: [new CycloneDxHash("SHA-256", fileSha256)],
            Properties:
            [
                new("islet:target", manifest.Target),
                new("islet:manifest-sha256", manifest.ImageSha256),
                new("islet:memory-mib", manifest.MemoryMiB.ToString(CultureInfo.InvariantCulture)),
            ]);
        var components = new List<CycloneDxComponent>();
        foreach (var package in manifest.Provenance.Packages)
        {
            string purl = $"pkg:nuget/{package.Id}@{package.Version}";
            components.Add(new CycloneDxComponent("library", purl, package.Id, package.Version, purl,
                package.Sha512 is null ? null : [new CycloneDxHash("SHA-512", package.Sha512)]));
        }
        foreach (var repository in manifest.Provenance.Repositories)
        {
            bool application = repository.Roles.Contains(SourceRepository.ApplicationRole);
            string name = application ? $"{manifest.Application}-source" : "islet-source";
            components.Add(new CycloneDxComponent(application ? "application" : "library", $"source:{repository.Path}", name, repository.Commit,
                Properties:
                [
                    new("islet:repository-path", repository.Path),
                    new("islet:roles", string.Join(',', repository.Roles)),
                    new("islet:dirty", repository.Dirty ? "true" : "false"),
                ]));
        }
        string? timestamp = sourceDateEpoch is { } epoch
            ? DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;
        var tool = new CycloneDxComponent("application", null, "Islet.Seal", typeof(SbomBuilder).Assembly.GetName().Version?.ToString());
        return new CycloneDxBom("CycloneDX", "1.5", SerialNumber(fileSha256), 1,
            new CycloneDxMetadata(timestamp, new CycloneDxTools([tool]), image), components);
    }

    /// <summary>The BOM as UTF-8 JSON with a final newline.</summary>
    public static byte[] Serialize(CycloneDxBom bom)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(bom, CycloneDxJsonContext.Default.CycloneDxBom);
        return [.. json, (byte)'\n'];
    }

    /// <summary>
    /// <c>urn:uuid:</c> + an RFC 9562 version-8 UUID made from the first 16 bytes of
    /// SHA-256("islet-sbom:" + <paramref name="imageSha256"/>): the same image gives the same serial.
    /// </summary>
    public static string SerialNumber(string imageSha256)
    {
        byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes("islet-sbom:" + imageSha256));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // variant 10
        string hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
