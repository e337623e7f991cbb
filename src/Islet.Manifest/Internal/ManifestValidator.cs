namespace Islet.Manifest;

/// <summary>The checks <see cref="ManifestJson.Parse"/> makes beyond the JSON's shape.</summary>
internal static class ManifestValidator
{
    public static void Check(IsletManifest m)
    {
        if (m.Format != IsletManifest.CurrentFormat)
        {
            throw Error($"format version {m.Format} is not supported (this reader knows {IsletManifest.CurrentFormat})");
        }
        Require(m.Application, "application");
        Require(m.Target, "target");
        if (m.Devices is null) throw Error("'devices' is missing");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in m.Devices)
        {
            if (device is null) throw Error("a device is null");
            Require(device.Name, "a device's name");
            if (!Enum.IsDefined(device.Kind)) throw Error($"device '{device.Name}' has an unknown kind");
            if (!names.Add(device.Name)) throw Error($"device '{device.Name}' is declared twice");
        }
        if (m.MemoryMiB < 1) throw Error($"memory {m.MemoryMiB} MiB is less than 1 MiB");
        if (m.ImageSha256 is null || !ImageHash.IsHex(m.ImageSha256)) throw Error($"'{IsletManifest.HashPropertyName}' is not {ImageHash.HexLength} lower-case hex characters");
        CheckProvenance(m.Provenance);
    }

    private static void CheckProvenance(ManifestProvenance? p)
    {
        if (p is null) throw Error("'provenance' is missing");
        if (p.Repositories is null || p.Packages is null || p.Properties is null) throw Error("'provenance' lacks repositories, packages or properties");
        Require(p.TargetFramework, "targetFramework");
        Require(p.RuntimeIdentifier, "runtimeIdentifier");
        foreach (var repository in p.Repositories)
        {
            if (repository is null || repository.Roles is null || repository.Path is null || repository.Commit is null)
            {
                throw Error("a repository lacks its roles, path or commit");
            }
        }
        foreach (var package in p.Packages)
        {
            if (package is null || string.IsNullOrEmpty(package.Id) || string.IsNullOrEmpty(package.Version))
            {
                throw Error("a package lacks its id or version");
            }
        }
    }

    private static void Require(string? value, string what)
    {
        if (string.IsNullOrEmpty(value)) throw Error($"{what} is missing or empty");
    }

    private static ManifestFormatException Error(string message) => new($"invalid manifest: {message}");
}
