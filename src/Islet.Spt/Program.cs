// islet-spt: runs a sealed Islet image under the spt sandbox (see Islet.Sandbox.SptLauncher).
using Islet;
using Islet.Sandbox;

try
{
    var options = LaunchArguments.Parse(args, ImageManifestDevices.Read, out string error);
    if (options is null)
    {
        Console.Error.WriteLine($"islet-spt: {error}");
        Console.Error.WriteLine(LaunchArguments.SptUsage);
        return 2;
    }
    return SptLauncher.Run(options, Console.Out);
}
catch (SptLaunchException e)
{
    Console.Error.WriteLine($"islet-spt: {e.Message}");
    return 1;
}
