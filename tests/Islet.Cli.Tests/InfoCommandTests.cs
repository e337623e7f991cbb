using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Islet.Cli.Images;

namespace Islet.Cli.Tests;

public sealed class InfoCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliHarness _cli;

    public InfoCommandTests() => _cli = new CliHarness(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private static ImageBuildRecord SampleRecord() => new(
        ImageBuildRecord.CurrentFormat, "unix", "/src/www/www.csproj", "www", "linux-x64", "Release", "10.0.100",
        new GitState("0123456789abcdef0123456789abcdef01234567", Dirty: true), Islet: null);

    [Fact]
    public void Image_json_has_path_size_sha256_and_build_record()
    {
        string image = _temp.WriteFile("www", "pretend ELF");
        ImageSidecar.Write(image, SampleRecord());

        var result = _cli.Run("info", "www", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(["path", "size", "sha256", "build"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(image, root.GetProperty("path").GetString());
        Assert.Equal(11, root.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("pretend ELF"))), root.GetProperty("sha256").GetString());

        var build = root.GetProperty("build");
        Assert.Equal(
            ["format", "target", "project", "assemblyName", "runtimeIdentifier", "configuration", "sdkVersion", "source", "islet"],
            build.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, build.GetProperty("format").GetInt32());
        Assert.Equal("unix", build.GetProperty("target").GetString());
        Assert.True(build.GetProperty("source").GetProperty("dirty").GetBoolean());
        Assert.Equal(JsonValueKind.Null, build.GetProperty("islet").ValueKind);
    }

    [Fact]
    public void Sidecar_round_trips()
    {
        string image = _temp.WriteFile("app", "x");
        ImageSidecar.Write(image, SampleRecord());
        Assert.Equal(SampleRecord(), ImageSidecar.TryRead(image));
        Assert.True(File.Exists(image + ".islet.json"));
    }

    [Fact]
    public void Image_without_sidecar_has_null_build()
    {
        _temp.WriteFile("app", "x");
        var result = _cli.Run("info", "app", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("build").ValueKind);
    }

    [Fact]
    public void Image_text_names_the_target_and_provenance()
    {
        string image = _temp.WriteFile("www", "pretend ELF");
        ImageSidecar.Write(image, SampleRecord());
        var result = _cli.Run("info", image);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("target:   unix (linux-x64, Release)", result.Out);
        Assert.Contains("source:   0123456789abcdef0123456789abcdef01234567 (with uncommitted changes)", result.Out);
        Assert.Contains("size:     11 bytes (11 bytes)", result.Out);
    }

    [Fact]
    public void Malformed_sidecar_is_a_failure()
    {
        string image = _temp.WriteFile("www", "x");
        _temp.WriteFile("www.islet.json", "{ not json");
        var result = _cli.Run("info", image);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"islet: {image}.islet.json is not a valid image record", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Project_json_has_target_content_and_image()
    {
        _temp.WriteFile("site/index.html", "hi");
        _temp.WriteFile("www.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><AssemblyName>server</AssemblyName></PropertyGroup>
              <ItemGroup><IsletContent Include="site;docs" /></ItemGroup>
            </Project>
            """);
        var result = _cli.Run("info", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(["project", "target", "contentFolders", "image", "imageExists"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(_temp.Combine("www.csproj"), root.GetProperty("project").GetString());
        Assert.Equal("unix", root.GetProperty("target").GetString());
        Assert.Equal(["site", "docs"], root.GetProperty("contentFolders").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_temp.Combine("bin", "islet", "unix", "server"), root.GetProperty("image").GetString());
        Assert.False(root.GetProperty("imageExists").GetBoolean());
    }
}
