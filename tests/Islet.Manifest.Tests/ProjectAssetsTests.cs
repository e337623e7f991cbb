using Islet.Seal;

namespace Islet.Manifest.Tests;

public sealed class ProjectAssetsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("islet-assets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string s_sha = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
    private static readonly string s_shaHex = Convert.ToHexStringLower(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

    private string WriteAssets()
    {
        string packages = Path.Combine(_dir, "packages") + "/";
        string packDir = Path.Combine(packages, "microsoft.netcore.app.runtime.linux-x64", "9.0.20");
        Directory.CreateDirectory(packDir);
        File.WriteAllText(Path.Combine(packDir, "microsoft.netcore.app.runtime.linux-x64.9.0.20.nupkg.sha512"), s_sha + "\n");
        string json = $$"""
        {
          "version": 3,
          "libraries": {
            "System.IO.Pipelines/9.0.0": { "sha512": "{{s_sha}}", "type": "package", "path": "system.io.pipelines/9.0.0" },
            "runtime.linux-x64.Microsoft.DotNet.ILCompiler/9.0.20": { "sha512": "{{s_sha}}", "type": "package" },
            "Microsoft.DotNet.ILCompiler/9.0.20": { "sha512": "{{s_sha}}", "type": "package" },
            "Islet.Platform/1.0.0": { "type": "project", "path": "../../src/Islet.Platform/Islet.Platform.csproj" }
          },
          "packageFolders": { "{{packages}}": {} },
          "project": {
            "frameworks": {
              "net9.0": {
                "downloadDependencies": [
                  { "name": "Microsoft.NETCore.App.Runtime.linux-x64", "version": "[9.0.20, 9.0.20]" },
                  { "name": "runtime.linux-x64.Microsoft.DotNet.ILCompiler", "version": "[9.0.20, 9.0.20]" },
                  { "name": "Not.In.The.Cache", "version": "[1.2.3, 1.2.3]" }
                ]
              },
              "net8.0": { "downloadDependencies": [ { "name": "Other.Framework", "version": "[8.0.0, 8.0.0]" } ] }
            }
          }
        }
        """;
        string path = Path.Combine(_dir, "project.assets.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Reads_packages_and_download_dependencies_once_each_in_id_order_with_hex_hashes()
    {
        var assets = ProjectAssets.Read(WriteAssets(), "net9.0", "linux-x64");
        Assert.Equal(
            ["Microsoft.DotNet.ILCompiler", "Microsoft.NETCore.App.Runtime.linux-x64", "Not.In.The.Cache",
             "runtime.linux-x64.Microsoft.DotNet.ILCompiler", "System.IO.Pipelines"],
            assets.Packages.Select(p => p.Id));
        Assert.All(assets.Packages.Where(p => p.Id != "Not.In.The.Cache"), p => Assert.Equal(s_shaHex, p.Sha512));
        Assert.Null(assets.Packages.Single(p => p.Id == "Not.In.The.Cache").Sha512);
        Assert.Equal("1.2.3", assets.Packages.Single(p => p.Id == "Not.In.The.Cache").Version);
        Assert.Equal("9.0.20", assets.IlCompilerVersion);
    }

    [Fact]
    public void Missing_or_malformed_assets_are_a_seal_error()
    {
        Assert.Throws<SealException>(() => ProjectAssets.Read(Path.Combine(_dir, "none.json"), "net9.0", "linux-x64"));
        string bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"libraries\": {\"NoSlash\": {\"type\": \"package\"}}}");
        Assert.Throws<SealException>(() => ProjectAssets.Read(bad, "net9.0", "linux-x64"));
        File.WriteAllText(bad, "{ not json");
        Assert.Throws<SealException>(() => ProjectAssets.Read(bad, "net9.0", "linux-x64"));
    }

    [Theory]
    [InlineData("[9.0.20, 9.0.20]", "9.0.20")]
    [InlineData("[1.0.0, )", "1.0.0")]
    [InlineData("2.1.0", "2.1.0")]
    public void Download_versions_are_the_ranges_lower_bound(string range, string version) =>
        Assert.Equal(version, ProjectAssets.ExactVersion(range));
}
