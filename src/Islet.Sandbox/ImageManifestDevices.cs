using System.IO.MemoryMappedFiles;
using Islet.Manifest;

namespace Islet.Sandbox;

/// <summary>The devices a sealed image declares, from the manifest embedded in it.</summary>
public static class ImageManifestDevices
{
    /// <summary>
    /// The declared devices of <paramref name="imagePath"/> in fd order. Throws
    /// <see cref="SptLaunchException"/> when the file is not a sealed image for spt/hvt, or,
    /// with <paramref name="verify"/>, when it was changed after sealing (its SHA-256 no longer
    /// matches the manifest's). The hash guards against corruption, not against an attacker
    /// who can rewrite the file (and so the manifest): it is no signature, and hashing costs
    /// milliseconds at every start, so it is asked for (<c>islet run</c> does).
    /// </summary>
    public static IReadOnlyList<DeviceDeclaration> Read(string imagePath, bool verify) => Devices(ReadManifest(imagePath, verify));

    /// <summary>The devices <paramref name="manifest"/> declares, in fd order.</summary>
    public static IReadOnlyList<DeviceDeclaration> Devices(IsletManifest manifest) =>
        [.. manifest.Devices.Select(d => new DeviceDeclaration(d.Name, d.Kind == ManifestDeviceKind.Block ? DeviceKind.Block : DeviceKind.Network))];

    /// <summary>The manifest of a sealed image for spt/hvt, with the checks of <see cref="Read"/>.</summary>
    public static IsletManifest ReadManifest(string imagePath, bool verify)
    {
        if (!File.Exists(imagePath)) throw new SptLaunchException($"no image at {imagePath}");
        IsletManifest? manifest;
        try
        {
            if (verify)
            {
                var embedded = EmbeddedManifest.Read(File.ReadAllBytes(imagePath));
                if (embedded is { Verified: false })
                {
                    throw new SptLaunchException($"{imagePath} was changed after it was sealed (SHA-256 {embedded.ComputedSha256}, manifest says {embedded.Manifest.ImageSha256}); refusing to run it");
                }
                manifest = embedded?.Manifest;
            }
            else
            {
                manifest = ReadMapped(imagePath);
            }
        }
        catch (ManifestFormatException e)
        {
            throw new SptLaunchException($"{imagePath} is not a sealed Islet image: {e.Message}");
        }
        if (manifest is null) throw new SptLaunchException($"{imagePath} has no Islet manifest; build it with: islet build -t spt");
        if (manifest.Target is not ("sealed" or "spt" or "hvt"))
        {
            throw new SptLaunchException($"{imagePath} was built for the {manifest.Target} target; sealed images are built with: islet build -t spt");
        }
        return manifest;
    }

    /// <summary>The manifest read through a read-only mapping: only the pages the ELF reader touches are read.</summary>
    private static unsafe IsletManifest? ReadMapped(string imagePath)
    {
        long length = new FileInfo(imagePath).Length;
        if (length is 0 or > int.MaxValue) throw new ManifestFormatException($"the file is {length} bytes");
        using var file = MemoryMappedFile.CreateFromFile(imagePath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            // SAFETY: the view maps the whole file (length bytes) read-only until ReleasePointer.
            return EmbeddedManifest.ReadManifest(new ReadOnlySpan<byte>(pointer + view.PointerOffset, (int)length));
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }
}
