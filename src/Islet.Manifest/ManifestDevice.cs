namespace Islet.Manifest;

/// <summary>
/// A device the image needs. Devices reach the image as file descriptors: the device at
/// index <c>i</c> of <see cref="IsletManifest.Devices"/> is fd <c>3 + i</c>.
/// </summary>
/// <param name="Name">The device's name (<c>net</c>, <c>disk</c>), unique within the image.</param>
/// <param name="Kind">Network or block.</param>
public sealed record ManifestDevice(string Name, ManifestDeviceKind Kind)
{
    /// <summary>The file descriptor of the first declared device.</summary>
    public const int FirstFd = 3;
}
