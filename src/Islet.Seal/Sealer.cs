using System.Globalization;
using Islet.Manifest;
using Islet.Seal.Sbom;

namespace Islet.Seal;

/// <summary>The whole seal step: build the manifest from the options, seal it into the image, write the SBOM.</summary>
public static class Sealer
{
    /// <summary>
    /// Seals <see cref="SealOptions.Image"/> and writes <see cref="SealOptions.SbomFile"/>.
    /// <paramref name="sourceDateEpoch"/> is the SOURCE_DATE_EPOCH environment variable, or null.
    /// Returns the sealed manifest. Throws <see cref="SealException"/> on any failure.
    /// </summary>
    public static IsletManifest Run(SealOptions options, string? sourceDateEpoch)
    {
        long? epoch = null;
        if (!string.IsNullOrEmpty(sourceDateEpoch))
        {
            epoch = long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
                ? seconds : throw new SealException("SOURCE_DATE_EPOCH is not a number of seconds");
        }
        if (!File.Exists(options.Image)) throw new SealException($"there is no image at {options.Image}");
        var manifest = BuildManifest(options);
        var sealedManifest = ImageSealer.Seal(options.Image, manifest, options.ManifestFile, options.Objcopy);
        var bom = SbomBuilder.Build(sealedManifest, options.Version, ImageSealer.FileSha256(options.Image), epoch);
        File.WriteAllBytes(options.SbomFile, SbomBuilder.Serialize(bom));
        return sealedManifest;
    }

    /// <summary>The manifest the options describe, its hash still the placeholder.</summary>
    public static IsletManifest BuildManifest(SealOptions options)
    {
        var assets = ProjectAssets.Read(options.Assets, options.TargetFramework, options.RuntimeIdentifier);
        var repositories = SourceRepositories.Resolve(options.ProjectDirectory, options.Repositories);
        var provenance = new ManifestProvenance(repositories, assets.Packages, options.SdkVersion, assets.IlCompilerVersion,
            options.TargetFramework, options.RuntimeIdentifier, options.Properties);
        return new IsletManifest(IsletManifest.CurrentFormat, options.Application, options.Target, options.Devices,
            options.MemoryMiB, IsletManifest.HashPlaceholder, provenance);
    }
}
