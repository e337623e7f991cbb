using Islet.Manifest;

namespace Islet.Sandbox;

/// <summary>The devices a sealed image declares, from the manifest embedded in it.</summary>
public static class ImageManifestDevices
{
    /// <summary>
    /// The declared devices of <paramref name="imagePath"/> in fd order. Throws
    /// <see cref="SptLaunchException"/> when the file is not a sealed image for spt/hvt, or when
    /// it was changed after sealing (its SHA-256 no longer matches the manifest's).
    /// </summary>
    public static IReadOnlyList<DeviceDeclaration> Read(string imagePath)
    {
        if (!File.Exists(imagePath)) throw new SptLaunchException($"no image at {imagePath}");
        EmbeddedManifest? embedded;
        try
        {
            embedded = EmbeddedManifest.Read(File.ReadAllBytes(imagePath));
        }
        catch (ManifestFormatException e)
        {
            throw new SptLaunchException($"{imagePath} is not a sealed Islet image: {e.Message}");
        }
        if (embedded is null) throw new SptLaunchException($"{imagePath} has no Islet manifest; build it with: islet build -t spt");
        var manifest = embedded.Manifest;
        if (manifest.Target is not ("spt" or "hvt"))
        {
            throw new SptLaunchException($"{imagePath} was built for the {manifest.Target} target; sealed images are built with: islet build -t spt");
        }
        if (!embedded.Verified)
        {
            throw new SptLaunchException($"{imagePath} was changed after it was sealed (SHA-256 {embedded.ComputedSha256}, manifest says {manifest.ImageSha256}); refusing to run it");
        }
        return [.. manifest.Devices.Select(d => new DeviceDeclaration(d.Name, d.Kind == ManifestDeviceKind.Block ? DeviceKind.Block : DeviceKind.Network))];
    }
}
