using System.Text;
using System.Text.Json;

namespace Islet.Manifest.Tests;

public sealed class ManifestJsonTests
{
    private static string Json(IsletManifest m) => Encoding.UTF8.GetString(ManifestJson.Serialize(m));

    [Fact]
    public void Round_trips_and_serialises_the_same_manifest_to_the_same_bytes()
    {
        var manifest = Samples.Manifest(new string('c', 64));
        var parsed = ManifestJson.Parse(ManifestJson.Serialize(manifest));
        Assert.Equal(ManifestJson.Serialize(manifest), ManifestJson.Serialize(parsed));
        Assert.Equal("www", parsed.Application);
        Assert.Equal([new ManifestDevice("net", ManifestDeviceKind.Network), new ManifestDevice("disk", ManifestDeviceKind.Block)], parsed.Devices);
        Assert.Equal("Release", parsed.Provenance.Properties["Configuration"]);
    }

    [Fact]
    public void Uses_the_documented_names_in_order_and_lower_case_device_kinds()
    {
        using var doc = JsonDocument.Parse(Json(Samples.Manifest()));
        Assert.Equal(["format", "application", "target", "devices", "memoryMiB", "imageSha256", "provenance"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["repositories", "packages", "sdkVersion", "ilCompilerVersion", "targetFramework", "runtimeIdentifier", "properties"],
            doc.RootElement.GetProperty("provenance").EnumerateObject().Select(p => p.Name));
        Assert.Equal("block", doc.RootElement.GetProperty("devices")[1].GetProperty("kind").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("format").GetInt32());
    }

    [Theory]
    [InlineData("\"format\": 1", "\"format\": 2", "format version 2")]
    [InlineData("\"kind\": \"block\"", "\"kind\": \"tape\"", "expected shape")]
    [InlineData("\"kind\": \"block\"", "\"kind\": 7", "unknown kind")]
    [InlineData("\"name\": \"disk\"", "\"name\": \"net\"", "declared twice")]
    [InlineData("\"memoryMiB\": 128", "\"memoryMiB\": 0", "less than 1 MiB")]
    [InlineData("\"application\": \"www\"", "\"application\": null", "application")]
    [InlineData("\"targetFramework\": \"net9.0\",", "", "targetFramework")]
    public void Rejects_invalid_manifests_with_a_clear_error(string from, string to, string message)
    {
        string json = Json(Samples.Manifest());
        Assert.Contains(from, json);
        var e = Assert.Throws<ManifestFormatException>(() => ManifestJson.Parse(Encoding.UTF8.GetBytes(json.Replace(from, to))));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Rejects_a_hash_that_is_not_64_hex_characters()
    {
        string json = Json(Samples.Manifest()).Replace(IsletManifest.HashPlaceholder, new string('g', 64));
        Assert.Throws<ManifestFormatException>(() => ManifestJson.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"format\":1")]
    [InlineData("\u00ff\u00fe")]
    public void Rejects_what_is_not_a_manifest(string text) =>
        Assert.Throws<ManifestFormatException>(() => ManifestJson.Parse(Encoding.Latin1.GetBytes(text)));

    [Fact]
    public void Finds_the_hash_value_after_its_opening_quote()
    {
        byte[] json = ManifestJson.Serialize(Samples.Manifest());
        int offset = ManifestJson.FindHashValue(json);
        Assert.Equal(IsletManifest.HashPlaceholder, Encoding.ASCII.GetString(json, offset, 64));
        Assert.Equal((byte)'"', json[offset - 1]);
        Assert.Equal((byte)'"', json[offset + 64]);
    }

    [Theory]
    [InlineData("{\"format\":1}", "no 'imageSha256'")]
    [InlineData("{\"imageSha256\":\"00\"}", "64 plain characters")]
    [InlineData("{\"imageSha256\":1}", "64 plain characters")]
    [InlineData("{\"a\":{\"imageSha256\":\"x\"}}", "no 'imageSha256'")]
    public void Hash_value_search_fails_clearly(string json, string message)
    {
        var e = Assert.Throws<ManifestFormatException>(() => ManifestJson.FindHashValue(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Two_hash_values_are_refused()
    {
        string hash = new('0', 64);
        string json = $"{{\"imageSha256\":\"{hash}\",\"imageSha256\":\"{hash}\"}}";
        Assert.Throws<ManifestFormatException>(() => ManifestJson.FindHashValue(Encoding.UTF8.GetBytes(json)));
    }
}
