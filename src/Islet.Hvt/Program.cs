// islet-hvt: runs a sealed Islet image in a KVM virtual machine (see Islet.Hvt.HvtLauncher).
using Islet.Hvt;
using Islet.Sandbox;

try
{
    // The manifest is read once: its devices for the launcher, its memory for the VM.
    Islet.Manifest.IsletManifest? manifest = null;
    var options = LaunchArguments.Parse(args, (path, verify) =>
    {
        manifest = ImageManifestDevices.ReadManifest(path, verify);
        return ImageManifestDevices.Devices(manifest);
    }, out string error, virtualMachine: true);
    if (options is null)
    {
        Console.Error.WriteLine($"islet-hvt: {error}");
        Console.Error.WriteLine(LaunchArguments.HvtUsage);
        return 2;
    }
    return HvtLauncher.Run(options with { MemoryMiB = options.MemoryMiB ?? manifest!.MemoryMiB }, Console.Out, Console.Error);
}
catch (SptLaunchException e)
{
    Console.Error.WriteLine($"islet-hvt: {e.Message}");
    return 1;
}
