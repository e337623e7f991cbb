using Islet.Seal;

namespace Islet.Manifest.Tests;

public sealed class SealOptionsTests
{
    private static readonly string[] s_required =
    [
        "image=/out/www", "application=www", "target=spt", "memory=64", "projectDirectory=/src/www",
        "assets=/src/www/obj/project.assets.json", "targetFramework=net9.0", "runtimeIdentifier=linux-x64",
        "manifest=/src/www/obj/manifest.json", "sbom=/out/www.cdx.json",
    ];

    [Fact]
    public void Without_declared_devices_the_image_gets_one_network_device_named_net()
    {
        var options = SealOptions.Parse(s_required);
        Assert.Equal([new ManifestDevice("net", ManifestDeviceKind.Network)], options.Devices);
        Assert.Equal("objcopy", options.Objcopy);
        Assert.Null(options.Version);
    }

    [Fact]
    public void Devices_keep_their_order_and_properties_are_sorted_without_empty_values()
    {
        var options = SealOptions.Parse([.. s_required, "device=disk:block", "device=net0:network",
            "property=PublishAot=true", "property=Configuration=Release", "property=StaticExecutable=", "property=X=a=b"]);
        Assert.Equal([new ManifestDevice("disk", ManifestDeviceKind.Block), new ManifestDevice("net0", ManifestDeviceKind.Network)], options.Devices);
        Assert.Equal(["Configuration", "PublishAot", "X"], options.Properties.Keys);
        Assert.Equal("a=b", options.Properties["X"]);
    }

    [Theory]
    [InlineData("device=disk:tape", "network and block")]
    [InlineData("device=net:network\ndevice=net:block", "declared twice")]
    [InlineData("device=bad name:block", "is not a name")]
    [InlineData("memory=0", "IsletMemory")]
    [InlineData("memory=lots", "IsletMemory")]
    [InlineData("image=/again", "given twice")]
    [InlineData("no equals sign", "not key=value")]
    public void Bad_inputs_name_the_problem(string lines, string message)
    {
        var input = s_required.Where(l => !(lines.StartsWith("memory=") && l.StartsWith("memory="))).Concat(lines.Split('\n'));
        var e = Assert.Throws<SealException>(() => SealOptions.Parse(input));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_missing_input_is_named()
    {
        var e = Assert.Throws<SealException>(() => SealOptions.Parse(s_required.Where(l => !l.StartsWith("assets="))));
        Assert.Contains("'assets'", e.Message);
    }
}
