using System.Text.Json;

namespace Islet.Integration.Tests;

/// <summary>
/// The www image the fixture built with <c>islet build -t unix</c> is sealed
/// (build/Islet.Seal.targets): <c>islet info --json</c> shows its manifest, which verifies and
/// names this checkout's commit and the restore's packages, and an SBOM lies beside it.
/// </summary>
[Collection("www")]
public sealed class WwwSealTests(WwwFixture www)
{
    [Fact]
    public void Islet_info_shows_the_sealed_manifest_with_commit_packages_and_a_verified_hash()
    {
        var info = ProcessRunner.Run("dotnet", [www.IsletDll, "info", www.Image, "--json"], TimeSpan.FromMinutes(1));
        Assert.True(info.ExitCode == 0, info.Stderr);
        using var json = JsonDocument.Parse(info.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        var manifest = json.RootElement.GetProperty("manifest");
        Assert.Equal("www", manifest.GetProperty("application").GetString());
        Assert.Equal("unix", manifest.GetProperty("target").GetString());
        Assert.Equal("net", manifest.GetProperty("devices")[0].GetProperty("name").GetString());
        var provenance = manifest.GetProperty("provenance");

        var head = ProcessRunner.Run("git", ["-C", www.RepoRoot, "rev-parse", "HEAD"], TimeSpan.FromSeconds(30));
        var repository = provenance.GetProperty("repositories")[0];
        Assert.Equal(head.Stdout.Trim(), repository.GetProperty("commit").GetString());
        Assert.Contains("application", repository.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var packages = provenance.GetProperty("packages").EnumerateArray()
            .Select(p => $"{p.GetProperty("id").GetString()}/{p.GetProperty("version").GetString()}").Order(StringComparer.OrdinalIgnoreCase).ToArray();
        Assert.Equal(AssetsPackages(), packages);
        Assert.All(provenance.GetProperty("packages").EnumerateArray(), p => Assert.Equal(128, p.GetProperty("sha512").GetString()!.Length));
        Assert.Equal("true", provenance.GetProperty("properties").GetProperty("PublishAot").GetString());
    }

    [Fact]
    public void The_sbom_beside_the_image_is_cyclonedx_listing_every_package()
    {
        string sbom = www.Image + ".cdx.json";
        Assert.True(File.Exists(sbom), $"no SBOM at {sbom}");
        using var json = JsonDocument.Parse(File.ReadAllBytes(sbom));
        Assert.Equal("CycloneDX", json.RootElement.GetProperty("bomFormat").GetString());
        Assert.Equal("1.5", json.RootElement.GetProperty("specVersion").GetString());
        var purls = json.RootElement.GetProperty("components").EnumerateArray()
            .Where(c => c.TryGetProperty("purl", out _)).Select(c => c.GetProperty("purl").GetString()!["pkg:nuget/".Length..].Replace('@', '/'))
            .Order(StringComparer.OrdinalIgnoreCase).ToArray();
        Assert.Equal(AssetsPackages(), purls);
    }

    /// <summary>ID/VERSION of every package the restore of www recorded: libraries of type package and the framework's download dependencies.</summary>
    private string[] AssetsPackages()
    {
        using var assets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(www.RepoRoot, "examples", "www", "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package").Select(l => l.Name);
        var downloads = assets.RootElement.GetProperty("project").GetProperty("frameworks").GetProperty("net9.0").GetProperty("downloadDependencies")
            .EnumerateArray().Select(d => $"{d.GetProperty("name").GetString()}/{d.GetProperty("version").GetString()!.Trim('[', ']').Split(',')[0].Trim()}");
        return libraries.Concat(downloads).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
