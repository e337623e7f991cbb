namespace Islet.Manifest.Tests;

/// <summary>Sample manifests and sealed ELF files for the tests.</summary>
internal static class Samples
{
    public static IsletManifest Manifest(string? hash = null) => new(
        IsletManifest.CurrentFormat, "www", "spt",
        [new ManifestDevice("net", ManifestDeviceKind.Network), new ManifestDevice("disk", ManifestDeviceKind.Block)],
        128, hash ?? IsletManifest.HashPlaceholder,
        new ManifestProvenance(
            [new SourceRepository([SourceRepository.ApplicationRole, SourceRepository.IsletRole], "../..", new string('a', 40), Dirty: false)],
            [new ManifestPackage("System.IO.Pipelines", "9.0.0", new string('b', 128))],
            "10.0.100", "9.0.20", "net9.0", "linux-x64",
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Configuration"] = "Release", ["PublishAot"] = "true" }));

    private static readonly Lazy<byte[]> s_sealedTrue = new(() =>
    {
        string dir = Directory.CreateTempSubdirectory("islet-manifest-").FullName;
        try
        {
            string image = Path.Combine(dir, "true");
            File.Copy("/bin/true", image);
            Seal.ImageSealer.Seal(image, Manifest(), Path.Combine(dir, "manifest.json"), "objcopy");
            return File.ReadAllBytes(image);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    });

    /// <summary>/bin/true sealed with <see cref="Manifest"/> by the real sealer (objcopy); a fresh copy each call.</summary>
    public static byte[] SealedTrue() => (byte[])s_sealedTrue.Value.Clone();
}
