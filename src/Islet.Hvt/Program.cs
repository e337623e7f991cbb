// islet-hvt: runs a sealed Islet image in a KVM virtual machine (see Islet.Hvt.HvtLauncher).
using Islet.Hvt;
using Islet.Sandbox;

try
{
    var options = LaunchArguments.Parse(args, ImageManifestDevices.Read, out string error, virtualMachine: true);
    if (options is null)
    {
        Console.Error.WriteLine($"islet-hvt: {error}");
        Console.Error.WriteLine(LaunchArguments.HvtUsage);
        return 2;
    }
    return HvtLauncher.Run(options, Console.Out, Console.Error);
}
catch (SptLaunchException e)
{
    Console.Error.WriteLine($"islet-hvt: {e.Message}");
    return 1;
}
