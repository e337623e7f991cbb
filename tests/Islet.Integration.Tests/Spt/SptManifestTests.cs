using System.Text.Json;

namespace Islet.Integration.Tests.Spt;

/// <summary>The manifest of a sealed spt image, as <c>islet info</c> shows it and as the launcher enforces it.</summary>
[Collection("spt")]
public sealed class SptManifestTests(SptFixture fixture)
{
    [Fact]
    public void Islet_info_shows_the_declared_devices_the_target_and_this_commit()
    {
        var info = ProcessRunner.Run("dotnet", [fixture.IsletDll, "info", fixture.ProbeImage, "--json"], TimeSpan.FromMinutes(1));
        Assert.True(info.ExitCode == 0, info.Stderr);
        using var json = JsonDocument.Parse(info.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        var manifest = json.RootElement.GetProperty("manifest");
        Assert.Equal("sealed", manifest.GetProperty("target").GetString()); // spt and hvt run the same file
        var devices = manifest.GetProperty("devices").EnumerateArray().Select(d => $"{d.GetProperty("name").GetString()}:{d.GetProperty("kind").GetString()}");
        Assert.Equal(["net:network", "data:block"], devices);
        var properties = manifest.GetProperty("provenance").GetProperty("properties");
        Assert.Equal("true", properties.GetProperty("StaticExecutable").GetString());
        var head = ProcessRunner.Run("git", ["-C", fixture.RepoRoot, "rev-parse", "HEAD"], TimeSpan.FromSeconds(30));
        Assert.Equal(head.Stdout.Trim(), manifest.GetProperty("provenance").GetProperty("repositories")[0].GetProperty("commit").GetString());
        var file = ProcessRunner.Run("file", ["-b", fixture.WwwImage], TimeSpan.FromSeconds(30));
        Assert.Contains("static-pie linked", file.Stdout);
        Assert.Contains("stripped", file.Stdout);
    }

    [Fact]
    public void Building_for_hvt_yields_the_spt_file()
    {
        string output = fixture.Scratch("www-hvt");
        var build = ProcessRunner.Run("dotnet", [fixture.IsletDll, "build", Path.Combine(fixture.RepoRoot, "examples", "www"), "-t", "hvt", "-o", output], TimeSpan.FromMinutes(8));
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        Assert.Equal(File.ReadAllBytes(fixture.WwwImage), File.ReadAllBytes(Path.Combine(output, "www")));
    }

    [Fact]
    public void The_launcher_refuses_an_image_changed_after_sealing()
    {
        string copy = fixture.Scratch("tampered-www");
        File.Copy(fixture.WwwImage, copy); // keeps the executable mode
        using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 0x3000; // a byte of code: the ELF still parses, the hash no longer matches
            int b = file.ReadByte();
            file.Position = 0x3000;
            file.WriteByte((byte)(b ^ 0x01));
        }
        var result = ProcessRunner.Run(fixture.Launcher, [copy, "--verify", "--quiet"], TimeSpan.FromSeconds(30));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was changed after it was sealed", result.Stderr);
    }

    [Fact]
    public void The_launcher_refuses_an_image_that_is_not_sealed_for_spt()
    {
        var result = ProcessRunner.Run(fixture.Launcher, ["/bin/true"], TimeSpan.FromSeconds(30));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no Islet manifest; build it with: islet build -t spt", result.Stderr);
    }
}
