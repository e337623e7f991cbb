using System.Globalization;
using Islet.Manifest;

namespace Islet.Seal;

/// <summary>
/// What to seal, read from an inputs file that build/Islet.Seal.targets writes: one
/// <c>key=value</c> per line (the value runs to the end of the line); <c>device</c>,
/// <c>repository</c> and <c>property</c> may repeat. Keys:
/// <c>image</c>, <c>application</c>, <c>version</c>, <c>target</c>, <c>memory</c>,
/// <c>device</c> (<c>NAME:network|block</c>), <c>projectDirectory</c>, <c>repository</c> (a directory),
/// <c>assets</c> (project.assets.json), <c>sdkVersion</c>, <c>targetFramework</c>, <c>runtimeIdentifier</c>,
/// <c>property</c> (<c>NAME=VALUE</c>), <c>manifest</c> (where to write the manifest file),
/// <c>sbom</c>, <c>objcopy</c>.
/// </summary>
public sealed record SealOptions(
    string Image,
    string Application,
    string? Version,
    string Target,
    int MemoryMiB,
    IReadOnlyList<ManifestDevice> Devices,
    string ProjectDirectory,
    IReadOnlyList<string> Repositories,
    string Assets,
    string? SdkVersion,
    string TargetFramework,
    string RuntimeIdentifier,
    IReadOnlyDictionary<string, string> Properties,
    string ManifestFile,
    string SbomFile,
    string Objcopy)
{
    /// <summary>Parses the inputs file's lines. Throws <see cref="SealException"/> naming the first bad or missing value.</summary>
    public static SealOptions Parse(IEnumerable<string> lines)
    {
        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        var devices = new List<ManifestDevice>();
        var repositories = new List<string>();
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int eq = line.IndexOf('=');
            if (eq <= 0) throw new SealException($"input line '{line}' is not key=value");
            string key = line[..eq], value = line[(eq + 1)..];
            switch (key)
            {
                case "device": devices.Add(ParseDevice(value, devices)); break;
                case "repository": repositories.Add(value); break;
                case "property": AddProperty(properties, value); break;
                default:
                    if (!single.TryAdd(key, value)) throw new SealException($"input '{key}' is given twice");
                    break;
            }
        }
        string Required(string key) =>
            single.TryGetValue(key, out var v) && v.Length > 0 ? v : throw new SealException($"input '{key}' is missing");
        string? Optional(string key) => single.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

        string memoryText = Required("memory");
        if (!int.TryParse(memoryText, NumberStyles.None, CultureInfo.InvariantCulture, out int memory) || memory < 1)
        {
            throw new SealException($"IsletMemory '{memoryText}' is not a whole number of MiB (at least 1)");
        }
        if (devices.Count == 0) devices.Add(new ManifestDevice("net", ManifestDeviceKind.Network));
        return new SealOptions(Required("image"), Required("application"), Optional("version"), Required("target"), memory,
            devices, Required("projectDirectory"), repositories, Required("assets"), Optional("sdkVersion"),
            Required("targetFramework"), Required("runtimeIdentifier"), properties, Required("manifest"),
            Required("sbom"), Optional("objcopy") ?? "objcopy");
    }

    private static ManifestDevice ParseDevice(string value, List<ManifestDevice> declared)
    {
        int colon = value.LastIndexOf(':');
        string name = colon < 0 ? value : value[..colon];
        string kind = colon < 0 ? "" : value[(colon + 1)..];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new SealException($"IsletDevice '{name}' is not a name (letters, digits, '_', '-', '.')");
        }
        var parsed = kind switch
        {
            "network" => ManifestDeviceKind.Network,
            "block" => ManifestDeviceKind.Block,
            _ => throw new SealException($"IsletDevice '{name}' has Kind '{kind}'; the kinds are network and block"),
        };
        if (declared.Any(d => d.Name == name)) throw new SealException($"IsletDevice '{name}' is declared twice");
        return new ManifestDevice(name, parsed);
    }

    private static void AddProperty(SortedDictionary<string, string> properties, string value)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0) throw new SealException($"property '{value}' is not NAME=VALUE");
        string name = value[..eq], text = value[(eq + 1)..];
        if (text.Length > 0) properties[name] = text; // unset properties are left out
    }
}
