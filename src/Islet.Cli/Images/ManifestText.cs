using Islet.Manifest;

namespace Islet.Cli.Images;

/// <summary>The text form of a sealed manifest in <c>islet info IMAGE</c>: one aligned block.</summary>
internal static class ManifestText
{
    /// <summary>Writes <paramref name="manifest"/>, whose hash <paramref name="verified"/> or not, to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, IsletManifest manifest, bool verified)
    {
        var p = manifest.Provenance;
        Line(output, "app", manifest.Application);
        Line(output, "target", $"{manifest.Target} ({p.RuntimeIdentifier}, {p.TargetFramework})");
        if (manifest.Devices.Count == 0) Line(output, "devices", "(none)");
        for (int i = 0; i < manifest.Devices.Count; i++)
        {
            var device = manifest.Devices[i];
            Line(output, i == 0 ? "devices" : "", $"fd {ManifestDevice.FirstFd + i}: {device.Name} ({Kind(device.Kind)})");
        }
        Line(output, "memory", $"{manifest.MemoryMiB} MiB");
        Line(output, "sealed", $"{manifest.ImageSha256} ({(verified ? "verified" : "DOES NOT VERIFY: the image changed after sealing")})");
        if (p.Repositories.Count == 0) Line(output, "source", "not in git");
        for (int i = 0; i < p.Repositories.Count; i++)
        {
            var r = p.Repositories[i];
            Line(output, i == 0 ? "source" : "", $"{r.Commit}{(r.Dirty ? " (with uncommitted changes)" : "")} {r.Path} [{string.Join(", ", r.Roles)}]");
        }
        Line(output, "sdk", $"{p.SdkVersion ?? "unknown"}, ILCompiler {p.IlCompilerVersion ?? "none"}");
        Line(output, "flags", p.Properties.Count == 0 ? "(none)" : string.Join(' ', p.Properties.Select(kv => $"{kv.Key}={kv.Value}")));
        Line(output, "packages", p.Packages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var package in p.Packages)
        {
            string hash = package.Sha512 is null ? "no hash" : $"sha512:{package.Sha512[..16]}…";
            Line(output, "", $"{package.Id} {package.Version} {hash}");
        }
    }

    private static string Kind(ManifestDeviceKind kind) => kind == ManifestDeviceKind.Network ? "network" : "block";

    private static void Line(TextWriter output, string label, string value) =>
        output.WriteLine(label.Length == 0 ? $"{"",-10}{value}" : $"{label + ":",-10}{value}");
}
