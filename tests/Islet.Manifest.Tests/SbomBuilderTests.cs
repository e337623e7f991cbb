using System.Text.Json;
using Islet.Seal.Sbom;

namespace Islet.Manifest.Tests;

public sealed class SbomBuilderTests
{
    private static JsonElement Bom(long? epoch = null)
    {
        var bom = SbomBuilder.Build(Samples.Manifest(new string('c', 64)), "1.0.0", new string('d', 64), epoch);
        return JsonDocument.Parse(SbomBuilder.Serialize(bom)).RootElement;
    }

    [Fact]
    public void Describes_the_image_packages_and_sources_in_cyclonedx_1_5()
    {
        var bom = Bom();
        Assert.Equal("CycloneDX", bom.GetProperty("bomFormat").GetString());
        Assert.Equal("1.5", bom.GetProperty("specVersion").GetString());
        var image = bom.GetProperty("metadata").GetProperty("component");
        Assert.Equal("www", image.GetProperty("name").GetString());
        Assert.Equal("SHA-256", image.GetProperty("hashes")[0].GetProperty("alg").GetString());
        Assert.Equal(new string('d', 64), image.GetProperty("hashes")[0].GetProperty("content").GetString());
        var components = bom.GetProperty("components").EnumerateArray().ToArray();
        Assert.Equal("pkg:nuget/System.IO.Pipelines@9.0.0", components[0].GetProperty("purl").GetString());
        Assert.Equal("SHA-512", components[0].GetProperty("hashes")[0].GetProperty("alg").GetString());
        Assert.Equal(new string('a', 40), components[1].GetProperty("version").GetString());
        Assert.Equal("application", components[1].GetProperty("type").GetString());
    }

    [Fact]
    public void Is_deterministic_with_a_serial_from_the_image_hash_and_no_timestamp_unless_given()
    {
        Assert.Equal(Bom().GetRawText(), Bom().GetRawText());
        Assert.False(Bom().GetProperty("metadata").TryGetProperty("timestamp", out _));
        Assert.Equal("2023-11-14T22:13:20Z", Bom(1_700_000_000).GetProperty("metadata").GetProperty("timestamp").GetString());
        string serial = Bom().GetProperty("serialNumber").GetString()!;
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", serial);
        Assert.NotEqual(serial, SbomBuilder.SerialNumber(new string('e', 64)));
    }
}
