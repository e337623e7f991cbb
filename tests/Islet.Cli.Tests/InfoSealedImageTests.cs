using System.Diagnostics;
using System.Text.Json;
using Islet.Manifest;

namespace Islet.Cli.Tests;

/// <summary><c>islet info</c> on an image with an <c>.islet.manifest</c> section (/bin/true sealed here with objcopy).</summary>
public sealed class InfoSealedImageTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliHarness _cli;

    public InfoSealedImageTests() => _cli = new CliHarness(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private string SealedImage()
    {
        var manifest = new IsletManifest(IsletManifest.CurrentFormat, "www", "spt",
            [new ManifestDevice("net", ManifestDeviceKind.Network), new ManifestDevice("disk", ManifestDeviceKind.Block)], 96, IsletManifest.HashPlaceholder,
            new ManifestProvenance([new SourceRepository(["application", "islet"], "../..", new string('a', 40), Dirty: true)],
                [new ManifestPackage("System.IO.Pipelines", "9.0.0", new string('b', 128))], "10.0.100", "9.0.20", "net9.0", "linux-x64",
                new Dictionary<string, string> { ["PublishAot"] = "true" }));
        string json = _temp.Combine("manifest.json");
        File.WriteAllBytes(json, ManifestJson.Serialize(manifest));
        string image = _temp.Combine("www");
        File.Copy("/bin/true", image);
        var objcopy = Process.Start("objcopy", ["--add-section", $".islet.manifest={json}", image])!;
        objcopy.WaitForExit();
        Assert.Equal(0, objcopy.ExitCode);
        byte[] bytes = File.ReadAllBytes(image);
        var section = ElfSectionReader.Find(bytes, IsletManifest.SectionName)!.Value;
        ImageHash.Seal(bytes, section.Offset + ManifestJson.FindHashValue(bytes.AsSpan(section.Offset, section.Size)));
        File.WriteAllBytes(image, bytes);
        return image;
    }

    [Fact]
    public void Json_has_the_manifest_and_verified_true()
    {
        SealedImage();
        var result = _cli.Run("info", "www", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(["path", "size", "sha256", "build", "manifest", "verified"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        var manifest = json.RootElement.GetProperty("manifest");
        Assert.Equal("block", manifest.GetProperty("devices")[1].GetProperty("kind").GetString());
        Assert.Equal(96, manifest.GetProperty("memoryMiB").GetInt32());
    }

    [Fact]
    public void Text_shows_devices_with_fds_provenance_and_verification()
    {
        SealedImage();
        var result = _cli.Run("info", "www");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("devices:  fd 3: net (network)", result.Out);
        Assert.Contains("          fd 4: disk (block)", result.Out);
        Assert.Contains("memory:   96 MiB", result.Out);
        Assert.Matches("sealed:   [0-9a-f]{64} \\(verified\\)", result.Out);
        Assert.Contains($"source:   {new string('a', 40)} (with uncommitted changes) ../.. [application, islet]", result.Out);
        Assert.Contains("sdk:      10.0.100, ILCompiler 9.0.20", result.Out);
        Assert.Contains("packages: 1", result.Out);
    }

    [Fact]
    public void A_changed_image_does_not_verify()
    {
        string image = SealedImage();
        byte[] bytes = File.ReadAllBytes(image);
        bytes[200] ^= 1;
        File.WriteAllBytes(image, bytes);
        var result = _cli.Run("info", "www", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.False(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Contains("DOES NOT VERIFY", _cli.Run("info", "www").Out);
    }

    [Fact]
    public void A_malformed_elf_file_is_a_failure_with_the_reason()
    {
        string image = SealedImage();
        byte[] bytes = File.ReadAllBytes(image);
        File.WriteAllBytes(image, bytes[..^10]);
        var result = _cli.Run("info", "www");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"islet: {image}: malformed ELF file:", Assert.Single(result.ErrorLines));
    }
}
