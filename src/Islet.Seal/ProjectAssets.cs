using System.Text.Json;
using Islet.Manifest;

namespace Islet.Seal;

/// <summary>
/// The packages of a build, from NuGet's <c>obj/project.assets.json</c>: every <c>libraries</c>
/// entry of type <c>package</c> (with the <c>sha512</c> restore recorded) and every
/// <c>downloadDependencies</c> entry of the target framework (the runtime, targeting and
/// ILCompiler packs; their hash is read from the <c>.nupkg.sha512</c> file in the package folders).
/// </summary>
/// <param name="Packages">The packages, by id (ordinal, case-insensitive) then version, each once.</param>
/// <param name="IlCompilerVersion">The version of <c>runtime.RID.Microsoft.DotNet.ILCompiler</c>, else of <c>Microsoft.DotNet.ILCompiler</c>; null without either.</param>
public sealed record ProjectAssets(IReadOnlyList<ManifestPackage> Packages, string? IlCompilerVersion)
{
    private const string IlCompilerId = "Microsoft.DotNet.ILCompiler";

    /// <summary>Reads <paramref name="path"/>. Throws <see cref="SealException"/> when it is missing or not an assets file.</summary>
    public static ProjectAssets Read(string path, string targetFramework, string runtimeIdentifier)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SealException($"cannot read {path}: {e.Message}");
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return Read(document.RootElement, targetFramework, runtimeIdentifier);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new SealException($"{path} is not a NuGet assets file: {e.Message}");
        }
    }

    private static ProjectAssets Read(JsonElement root, string targetFramework, string runtimeIdentifier)
    {
        var packages = new Dictionary<(string, string), ManifestPackage>(PackageKeyComparer.Instance);
        foreach (var library in root.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package") continue;
            int slash = library.Name.LastIndexOf('/');
            if (slash <= 0) throw new FormatException($"library '{library.Name}' is not ID/VERSION");
            string? sha512 = library.Value.TryGetProperty("sha512", out var hash) ? hash.GetString() : null;
            Add(packages, library.Name[..slash], library.Name[(slash + 1)..], sha512 is null ? null : ToHex(sha512));
        }
        var folders = root.TryGetProperty("packageFolders", out var f) ? f.EnumerateObject().Select(p => p.Name).ToArray() : [];
        if (root.TryGetProperty("project", out var project) && project.TryGetProperty("frameworks", out var frameworks))
        {
            foreach (var framework in frameworks.EnumerateObject())
            {
                if (framework.Name != targetFramework || !framework.Value.TryGetProperty("downloadDependencies", out var downloads)) continue;
                foreach (var download in downloads.EnumerateArray())
                {
                    string id = download.GetProperty("name").GetString()!;
                    string version = ExactVersion(download.GetProperty("version").GetString()!);
                    Add(packages, id, version, NupkgHash(folders, id, version));
                }
            }
        }
        var ordered = packages.Values
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ThenBy(p => p.Version, StringComparer.OrdinalIgnoreCase).ToArray();
        string? ilc = ordered.FirstOrDefault(p => p.Id.Equals($"runtime.{runtimeIdentifier}.{IlCompilerId}", StringComparison.OrdinalIgnoreCase))?.Version
            ?? ordered.FirstOrDefault(p => p.Id.Equals(IlCompilerId, StringComparison.OrdinalIgnoreCase))?.Version;
        return new ProjectAssets(ordered, ilc);
    }

    private static void Add(Dictionary<(string, string), ManifestPackage> packages, string id, string version, string? sha512)
    {
        if (packages.TryGetValue((id, version), out var known) && known.Sha512 is not null) return;
        packages[(id, version)] = new ManifestPackage(id, version, sha512);
    }

    /// <summary>The version of a download dependency: <c>[9.0.20, 9.0.20]</c> is 9.0.20.</summary>
    internal static string ExactVersion(string range)
    {
        string inner = range.Trim().TrimStart('[', '(').TrimEnd(']', ')');
        string lower = inner.Split(',')[0].Trim();
        return lower.Length > 0 ? lower : throw new FormatException($"version range '{range}' has no lower bound");
    }

    private static string? NupkgHash(IEnumerable<string> folders, string id, string version)
    {
        string lowerId = id.ToLowerInvariant(), lowerVersion = version.ToLowerInvariant();
        foreach (string folder in folders)
        {
            string file = Path.Combine(folder, lowerId, lowerVersion, $"{lowerId}.{lowerVersion}.nupkg.sha512");
            if (File.Exists(file)) return ToHex(File.ReadAllText(file).Trim());
        }
        return null;
    }

    /// <summary>NuGet's base64 SHA-512 as lower-case hex.</summary>
    internal static string ToHex(string base64) => Convert.ToHexStringLower(Convert.FromBase64String(base64));

    private sealed class PackageKeyComparer : IEqualityComparer<(string Id, string Version)>
    {
        public static readonly PackageKeyComparer Instance = new();

        public bool Equals((string Id, string Version) x, (string Id, string Version) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Id, y.Id) && StringComparer.OrdinalIgnoreCase.Equals(x.Version, y.Version);

        public int GetHashCode((string Id, string Version) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Id), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Version));
    }
}
